/**
 * The W3C `tracestate` list, validated as the W3C Trace Context test suite
 * checks it at its strictest level, and kept within the size the
 * specification asks vendors to propagate.
 *
 * - Members are `key=value`, separated by commas with optional spaces and
 *   tabs around them; empty members are skipped.
 * - One malformed member, a duplicated key, or more than 32 members makes the
 *   whole header invalid: it is discarded (the trace continues without it).
 * - Longer than 512 characters: members over 128 characters are dropped
 *   first, then whole members from the end, until it fits.
 */

import { trimOws } from './whitespace';

/** A list-member key: a simple key, or `tenant@system`. */
const KEY = /^(?:[a-z][a-z0-9_\-*/]{0,255}|[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13})$/;
/** A list-member value: up to 256 printable ASCII characters except `,` and `=`, not ending in a space. */
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

export const MAX_MEMBERS = 32;
export const MAX_LENGTH = 512;
/** Members longer than this are the first to go when the list is too long. */
const LARGE_MEMBER = 128;

/**
 * The valid, size-limited tracestate of a header value (its members joined by
 * ","), or undefined when it is absent, empty or invalid.
 */
export function parseTraceState(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const members: string[] = [];
  // At most 32 members: a list is searched faster than a Set is built.
  const keys: string[] = [];
  let asReceived = true;
  for (const raw of header.split(',')) {
    const member = trimOws(raw);
    if (member !== raw || member === '') asReceived = false;
    if (member === '') continue;
    const eq = member.indexOf('=');
    if (eq === -1) return undefined;
    const key = member.slice(0, eq);
    if (!KEY.test(key) || !VALUE.test(member.slice(eq + 1)) || keys.includes(key)) return undefined;
    keys.push(key);
    members.push(member);
    if (members.length > MAX_MEMBERS) return undefined;
  }
  if (members.length === 0) return undefined;
  // Nothing trimmed or skipped: the members joined are the header itself.
  return asReceived && header.length <= MAX_LENGTH ? header : limitLength(members);
}

function joinedLength(members: readonly string[]): number {
  return members.reduce((sum, m) => sum + m.length, 0) + Math.max(0, members.length - 1);
}

function limitLength(members: string[]): string {
  if (joinedLength(members) <= MAX_LENGTH) return members.join(',');
  const kept = members.filter((m) => m.length <= LARGE_MEMBER);
  while (joinedLength(kept) > MAX_LENGTH) kept.pop();
  return kept.join(',');
}
