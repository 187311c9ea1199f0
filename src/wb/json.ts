/**
 * Strict parsing of WB bodies. A truncated or HTML body is an error, never
 * "repaired": a guessed page would silently lose rows. Integers too large for a JS
 * number (daily reportIds exceed 2^53) are kept exactly, as decimal strings.
 */
import { WbError } from './errors';

/** Integer literals longer than this may not survive JSON.parse exactly. */
const SAFE_DIGITS = 15;

/** Quotes integer literals of more than 15 digits that stand outside strings. */
export function quoteBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    const startsNumber = (ch >= 48 && ch <= 57) || ch === 45; /* digit or - */
    if (!startsNumber) continue;
    let j = i + (ch === 45 ? 1 : 0);
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const digits = j - i - (ch === 45 ? 1 : 0);
    const next = text[j];
    const isInteger = next !== '.' && next !== 'e' && next !== 'E';
    if (isInteger && digits > SAFE_DIGITS) {
      out += text.slice(last, i) + '"' + text.slice(i, j) + '"';
      last = j;
    }
    i = j - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** UTF-8 bytes of a text: what Google's 50 MB cap on an answer counts. */
export function utf8Bytes(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // One UTF-16 unit is 1 byte below 0x80, 2 below 0x800, 3 above; a surrogate pair is 4.
    if (c >= 0x80) n += c >= 0xd800 && c <= 0xdfff ? 1 : c >= 0x800 ? 2 : 1;
  }
  return n;
}

function parseExact(body: string, status: number, expect: '[' | '{'): unknown {
  const text = body.trim();
  if (text === '') throw new WbError('bad_body', status, 'empty body');
  if (text[0] !== expect) throw new WbError('bad_body', status, text[0] === '<' ? 'HTML instead of JSON' : 'unexpected JSON shape');
  try {
    return JSON.parse(quoteBigIntegers(text));
  } catch {
    throw new WbError('bad_body', status, 'truncated or invalid JSON');
  }
}

export function parseRowArray(body: string, status: number): Record<string, unknown>[] {
  const parsed = parseExact(body, status, '[');
  if (!Array.isArray(parsed)) throw new WbError('bad_body', status, 'not a JSON array');
  for (const row of parsed) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new WbError('bad_body', status, 'array of non-objects');
  }
  return parsed as Record<string, unknown>[];
}

export function parseObject(body: string, status: number): Record<string, unknown> {
  const parsed = parseExact(body, status, '{');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new WbError('bad_body', status, 'not a JSON object');
  return parsed as Record<string, unknown>;
}
