/**
 * The seller's keys, kept in the user's own user properties, one property per key
 * and per document (an add-on's user properties are shared by all the user's
 * documents, and each document holds one seller). Nothing else stores them. The
 * document remembers only which seller it belongs to (the `sid` claim, not a secret),
 * so keys of another seller are refused and data of two sellers never mix.
 */
import { KeyValueStore } from '../gas/types';
import { Credentials } from '../wb/client';
import { KeyFormatError, KeyInfo, decodeKey, maskKey, normalizeKeyInput } from '../wb/token';

export type KeyRefusal = KeyFormatError['problem'] | 'expired' | 'other_seller' | 'duplicate';

export type SaveKeyResult = { ok: true; key: string; info: KeyInfo; slot: string } | { ok: false; problem: KeyRefusal; expiresAt?: number };

export interface StoredKey extends Credentials {
  /** Stable handle the sidebar uses to remove a key (never the key itself). */
  slot: string;
  masked: string;
}

export const SELLER_PROPERTY = 'wb.sellerId';
/** At most this many keys per document: WB allows 20 per shop, 5 categories need at most 5. */
export const MAX_KEYS = 10;

export class CredentialStore {
  constructor(
    private readonly userProps: KeyValueStore,
    private readonly documentProps: KeyValueStore,
    private readonly documentId: string,
  ) {}

  private prefix(): string {
    return 'wb.key.' + this.documentId + '.';
  }

  /** Every valid key of this document and user, oldest first. */
  list(): StoredKey[] {
    const prefix = this.prefix();
    const out: StoredKey[] = [];
    for (const name of this.userProps.keys().filter((k) => k.indexOf(prefix) === 0).sort()) {
      const key = this.userProps.get(name);
      if (!key) continue;
      try {
        out.push({ key, info: decodeKey(key), slot: name.slice(prefix.length), masked: maskKey(key) });
      } catch {
        // A property we cannot decode is not a key of ours any more; ignore it.
      }
    }
    return out;
  }

  sellerId(): string | null {
    return this.documentProps.get(SELLER_PROPERTY);
  }

  /** Validates a pasted key; refuses (saving nothing) what cannot work. Does not save. */
  check(raw: string, now: number): SaveKeyResult {
    const key = normalizeKeyInput(raw);
    let info: KeyInfo;
    try {
      info = decodeKey(key);
    } catch (e) {
      if (e instanceof KeyFormatError) return { ok: false, problem: e.problem };
      throw e;
    }
    if (info.expiresAt !== null && info.expiresAt <= now) return { ok: false, problem: 'expired', expiresAt: info.expiresAt };
    const seller = this.sellerId();
    if (seller && info.sellerId && seller !== info.sellerId) return { ok: false, problem: 'other_seller' };
    if (this.list().some((k) => k.key === key)) return { ok: false, problem: 'duplicate' };
    return { ok: true, key, info, slot: '' };
  }

  /** Stores a key that `check` accepted; binds the document to its seller. */
  save(key: string, info: KeyInfo, now: number): string {
    // A sortable slot keeps keys in the order they were added.
    let slot = String(now).padStart(15, '0');
    const taken = new Set(this.list().map((k) => k.slot));
    for (let n = 1; taken.has(slot); n++) slot = String(now).padStart(15, '0') + '-' + n;
    this.userProps.set(this.prefix() + slot, key);
    if (info.sellerId && !this.sellerId()) this.documentProps.set(SELLER_PROPERTY, info.sellerId);
    return slot;
  }

  remove(slot: string): void {
    if (!/^[0-9-]+$/.test(slot)) return;
    this.userProps.remove(this.prefix() + slot);
  }
}
