/**
 * W3C Baggage: the `baggage` header, `key=value` members separated by commas,
 * values percent-encoded UTF-8, each optionally followed by `;property`
 * metadata.
 *
 * Reading is lenient, member by member: a member whose key is not an HTTP
 * token, whose value has a character the format forbids or a broken
 * percent-escape, is dropped and the others are kept (the specification lets
 * a receiver remove such an entry). Properties are read past and dropped: a
 * span's baggage holds plain strings. A key given twice keeps its last value.
 *
 * Limits, on reading and writing alike: at most 180 members and 8192
 * characters (the header is ASCII, so bytes); members past either limit are
 * dropped whole, never cut.
 */
import type { CarrierGetter, CarrierSetter, Propagator, TraceContextData } from '../model';
import { trimOws } from './whitespace';

export const BAGGAGE = 'baggage';
export const MAX_MEMBERS = 180;
export const MAX_LENGTH = 8192;

/** An HTTP token (RFC 9110 5.6.2). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** baggage-octets: printable ASCII except space, `"`, `,`, `;` and `\`. */
const VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** The entries of a baggage header; empty when it is absent or holds no valid member. */
export function parseBaggage(header: string | undefined): Record<string, string> {
  const baggage: Record<string, string> = {};
  if (header === undefined) return baggage;
  let members = 0;
  let length = 0;
  for (const raw of header.split(',')) {
    const member = trimOws(raw);
    if (member === '') continue;
    length += member.length + (members === 0 ? 0 : 1);
    if (++members > MAX_MEMBERS || length > MAX_LENGTH) break;
    const entry = parseMember(member);
    if (entry !== undefined) setEntry(baggage, entry[0], entry[1]);
  }
  return baggage;
}

/**
 * Sets one baggage entry as an own property, so that a key such as
 * `__proto__`, which is a valid token, is stored like any other instead of
 * changing the object's prototype.
 */
export function setEntry(baggage: Record<string, string>, key: string, value: string): void {
  // Assigning is cheaper, but a name Object.prototype has (`__proto__`, a
  // frozen `toString`) would be intercepted or refused: those are defined.
  if (key in Object.prototype) Object.defineProperty(baggage, key, { value, enumerable: true, writable: true, configurable: true });
  else baggage[key] = value;
}

function parseMember(member: string): [string, string] | undefined {
  const eq = member.indexOf('=');
  if (eq === -1) return undefined;
  const key = trimOws(member.slice(0, eq));
  const semicolon = member.indexOf(';', eq);
  const encoded = trimOws(member.slice(eq + 1, semicolon === -1 ? undefined : semicolon));
  if (!TOKEN.test(key) || !VALUE.test(encoded)) return undefined;
  try {
    return [key, decodeURIComponent(encoded)];
  } catch {
    return undefined;
  }
}

/**
 * The baggage header for a set of entries, or undefined when none can be
 * written. An entry whose key is not an HTTP token, or whose value is not
 * valid UTF-16 (a lone surrogate), is left out.
 */
export function formatBaggage(baggage: Readonly<Record<string, string>>): string | undefined {
  const members: string[] = [];
  let length = 0;
  for (const key of Object.keys(baggage)) {
    const member = formatMember(key, baggage[key]);
    if (member === undefined) continue;
    const added = member.length + (members.length === 0 ? 0 : 1);
    if (members.length === MAX_MEMBERS || length + added > MAX_LENGTH) continue;
    members.push(member);
    length += added;
  }
  return members.length === 0 ? undefined : members.join(',');
}

function formatMember(key: string, value: unknown): string | undefined {
  if (!TOKEN.test(key) || typeof value !== 'string') return undefined;
  try {
    return `${key}=${encodeURIComponent(value)}`;
  } catch {
    return undefined;
  }
}

/** The `baggage` propagator: carries only baggage, never ids. */
export const baggagePropagator: Propagator = {
  name: 'baggage',
  inject(context: TraceContextData, set: CarrierSetter): void {
    const header = formatBaggage(context.baggage);
    if (header !== undefined) set(BAGGAGE, header);
  },
  extract(get: CarrierGetter): Partial<TraceContextData> | undefined {
    const baggage = parseBaggage(get(BAGGAGE));
    return Object.keys(baggage).length === 0 ? undefined : { baggage };
  },
};
