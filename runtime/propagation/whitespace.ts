/**
 * HTTP's optional whitespace (OWS: spaces and tabs) around a header value or
 * a list member, which every format allows and ignores.
 */
const OWS = /^[ \t]+|[ \t]+$/g;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * `text` without the spaces and tabs around it. Most values have none, and
 * are returned as they are without running the regex: a server extracts on
 * every request.
 */
export function trimOws(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first === SPACE || first === TAB || last === SPACE || last === TAB ? text.replace(OWS, '') : text;
}
