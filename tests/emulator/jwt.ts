/**
 * WB API keys are JWTs (wb-api.md §3): header.payload.signature, base64url without
 * padding. Real keys are ES256 (a 64-byte signature, 86 characters); the emulator
 * signs with HMAC-SHA512 under a secret derived from its seed, which gives the same
 * length and lets it refuse keys it did not issue (or whose payload was edited).
 *
 * Parsing mimics golang-jwt v5 (whose messages WB's 401 example matches word for
 * word: "token is malformed: could not base64 decode signature: illegal base64 data
 * at input byte 84"): segments, header, claims, signature, then signature check.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { DETAIL_BAD_SIGNATURE, DETAIL_MALFORMED_PREFIX } from './errors';

/** Claims as WB puts them in its keys (wb-api.md §3). */
export interface WbClaims {
  /** token type: 1 Base, 2 Test, 3 Personal, 4 Service */
  acc: number;
  ent: number;
  /** expiry, epoch seconds */
  exp: number;
  /** key id (uuid) */
  id: string;
  iid: number;
  /** seller numeric id */
  oid: number;
  /** category bitmask: bit n = category n (5 Statistics, 30 read-only) */
  s: number;
  /** seller uuid */
  sid: string;
  /** sandbox (test) key */
  t: boolean;
  uid: number;
}

export const JWT_HEADER = { alg: 'ES256', kid: '20250925v1', typ: 'JWT' };

export function b64urlEncode(data: Buffer | string): string {
  return Buffer.from(data).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

const DECODE: Int16Array = (() => {
  const t = new Int16Array(256).fill(-1);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
  return t;
})();

/**
 * Go's base64.RawURLEncoding.DecodeString: URL alphabet, no padding ('=' is illegal),
 * CR/LF skipped; the error names the input byte as Go does.
 */
export function goRawUrlDecode(text: string): { ok: true; bytes: Buffer } | { ok: false; at: number } {
  const src = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x0a || c === 0x0d) continue;
    const v = DECODE[c];
    if (v < 0) return { ok: false, at: i };
    acc = (acc << 6) | v;
    n++;
    if (n === 4) {
      out.push((acc >> 16) & 0xff, (acc >> 8) & 0xff, acc & 0xff);
      acc = 0;
      n = 0;
    }
  }
  if (n === 1) return { ok: false, at: src.length - 1 };
  if (n === 2) out.push((acc >> 4) & 0xff);
  if (n === 3) out.push((acc >> 10) & 0xff, (acc >> 2) & 0xff);
  return { ok: true, bytes: Buffer.from(out) };
}

function sign(signingInput: string, secret: Buffer): Buffer {
  return createHmac('sha512', secret).update(signingInput).digest();
}

export function signJwt(claims: WbClaims, secret: Buffer): string {
  // Claims in alphabetical order, as Go's encoding/json writes a map.
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(claims).sort()) ordered[k] = (claims as unknown as Record<string, unknown>)[k];
  const input = b64urlEncode(JSON.stringify(JWT_HEADER)) + '.' + b64urlEncode(JSON.stringify(ordered));
  return input + '.' + b64urlEncode(sign(input, secret));
}

/** Decodes the payload without any check (for tests and for the emulator's own use). */
export function decodeClaims(token: string): Partial<WbClaims> & Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

function goJsonError(text: string): string {
  const t = text.trim();
  if (t === '') return 'unexpected end of JSON input';
  const c = t[0];
  if (!'{["-0123456789tfn'.includes(c)) return `invalid character '${c}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}

/** JSON.parse as Go would see it: the object or an error text. */
function decodeJsonSegment(bytes: Buffer, goType: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: goJsonError(text) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    return { ok: false, error: `json: cannot unmarshal ${kind} into Go value of type ${goType}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export type JwtCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; detail: string };

/** Parses and verifies a key; on failure returns WB's 401 `detail`. Expiry is checked by the caller. */
export function verifyJwt(token: string, secret: Buffer, checkSignature = true): JwtCheck {
  const bad = (what: string): JwtCheck => ({ ok: false, detail: DETAIL_MALFORMED_PREFIX + what });
  const parts = token.split('.');
  if (parts.length !== 3) return bad('token contains an invalid number of segments');
  const h = goRawUrlDecode(parts[0]);
  if (!h.ok) return bad(`could not base64 decode header: illegal base64 data at input byte ${h.at}`);
  const header = decodeJsonSegment(h.bytes, 'map[string]interface {}');
  if (!header.ok) return bad('could not JSON decode header: ' + header.error);
  const c = goRawUrlDecode(parts[1]);
  if (!c.ok) return bad(`could not base64 decode claim: illegal base64 data at input byte ${c.at}`);
  const claims = decodeJsonSegment(c.bytes, 'jwt.MapClaims');
  if (!claims.ok) return bad('could not JSON decode claim: ' + claims.error);
  const sig = goRawUrlDecode(parts[2]);
  if (!sig.ok) return bad(`could not base64 decode signature: illegal base64 data at input byte ${sig.at}`);
  if (checkSignature) {
    const expected = sign(parts[0] + '.' + parts[1], secret);
    if (sig.bytes.length !== expected.length || !timingSafeEqual(sig.bytes, expected)) {
      return { ok: false, detail: DETAIL_BAD_SIGNATURE };
    }
  }
  return { ok: true, claims: claims.value };
}
