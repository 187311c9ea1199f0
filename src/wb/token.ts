/**
 * WB API keys are JWTs. The payload tells expiry, type, sandbox flag, categories
 * and seller; we decode it locally (no signature check: only WB can check it) so the
 * sidebar can explain a key without sending it anywhere.
 */
import { base64ToBytes, utf8Decode } from './base64';

export type KeyType = 'base' | 'test' | 'personal' | 'service';

/** Category bit numbers in the `s` claim (wb-api.md §3). */
export const Category = {
  Content: 1,
  Analytics: 2,
  Prices: 3,
  Marketplace: 4,
  Statistics: 5,
  Promotion: 6,
  Feedbacks: 7,
  Recommendations: 8,
  BuyerChat: 9,
  Supplies: 10,
  Returns: 11,
  Documents: 12,
  Finance: 13,
  Users: 16,
} as const;
export const READ_ONLY_BIT = 30;

export interface KeyInfo {
  /** Epoch ms; null when the key carries no expiry. */
  expiresAt: number | null;
  type: KeyType | 'unknown';
  sandbox: boolean;
  readOnly: boolean;
  /** Category bit numbers present, ascending (read-only bit excluded). */
  categories: number[];
  sellerId: string | null;
  sellerNumber: number | null;
  keyId: string | null;
}

export type KeyProblem = 'empty' | 'not_jwt' | 'not_wb' | 'old_format';

export class KeyFormatError extends Error {
  constructor(readonly problem: KeyProblem) {
    super('invalid WB key: ' + problem);
    this.name = 'KeyFormatError';
  }
}

const ACC_TYPES: Record<number, KeyType> = { 1: 'base', 2: 'test', 3: 'personal', 4: 'service' };

/**
 * Forgives paste errors: surrounding spaces and quotes, a `Bearer ` prefix, line
 * breaks or spaces inside (a key copied across lines).
 */
export function normalizeKeyInput(raw: string): string {
  let s = String(raw == null ? '' : raw).trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(/^(?:authorization\s*:\s*)/i, '').trim();
    s = s.replace(/^bearer\s+/i, '').trim();
    s = s.replace(/^["'`«“„‘]+|["'`»”“’]+$/g, '').trim();
    if (s === before) break;
  }
  return s.replace(/\s+/g, '');
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  const bytes = base64ToBytes(part);
  if (!bytes) return null;
  const text = utf8Decode(bytes);
  if (text === null) return null;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Decodes an already normalized key; throws KeyFormatError when it is not a WB JWT. */
export function decodeKey(key: string): KeyInfo {
  if (!key) throw new KeyFormatError('empty');
  const parts = key.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+={0,2}$/.test(p))) throw new KeyFormatError('not_jwt');
  const header = decodeJsonPart(parts[0]);
  const payload = decodeJsonPart(parts[1]);
  if (!header || !payload || typeof header.alg !== 'string') throw new KeyFormatError('not_jwt');
  if (payload.acsessID !== undefined && payload.s === undefined) throw new KeyFormatError('old_format');
  const s = payload.s;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) throw new KeyFormatError('not_wb');
  if (payload.exp !== undefined && typeof payload.exp !== 'number') throw new KeyFormatError('not_wb');
  if (typeof payload.sid !== 'string' && typeof payload.oid !== 'number') throw new KeyFormatError('not_wb');

  const categories: number[] = [];
  for (let bit = 0; bit < 31; bit++) {
    if (bit !== READ_ONLY_BIT && Math.floor(s / 2 ** bit) % 2 === 1) categories.push(bit);
  }
  const acc = typeof payload.acc === 'number' ? ACC_TYPES[payload.acc] : undefined;
  return {
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    type: acc || 'unknown',
    sandbox: payload.t === true || acc === 'test',
    readOnly: Math.floor(s / 2 ** READ_ONLY_BIT) % 2 === 1,
    categories,
    sellerId: typeof payload.sid === 'string' ? payload.sid : null,
    sellerNumber: typeof payload.oid === 'number' ? payload.oid : null,
    keyId: typeof payload.id === 'string' ? payload.id : null,
  };
}

export function hasCategory(info: KeyInfo, category: number): boolean {
  return info.categories.indexOf(category) >= 0;
}

/** Shows enough of a key to recognise it, never enough to use it. */
export function maskKey(key: string): string {
  return '••••' + key.slice(-4);
}
