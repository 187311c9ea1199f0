/**
 * The seller's key, kept in the user's own user properties, one per document (an
 * add-on's user properties are shared by all the user's documents, and each
 * document holds one seller). Nothing else stores it.
 */
import { KeyValueStore } from '../gas/types';
import { Credentials } from '../wb/client';
import { KeyFormatError, KeyInfo, decodeKey, maskKey, normalizeKeyInput } from '../wb/token';

export type SaveKeyResult = { ok: true; info: KeyInfo } | { ok: false; problem: KeyFormatError['problem'] | 'expired'; expiresAt?: number };

export class CredentialStore {
  constructor(private readonly userProps: KeyValueStore, private readonly documentId: string) {}

  private propertyName(): string {
    return 'wb.key.' + this.documentId;
  }

  load(): Credentials | null {
    const key = this.userProps.get(this.propertyName());
    if (!key) return null;
    try {
      return { key, info: decodeKey(key) };
    } catch {
      return null;
    }
  }

  masked(): string | null {
    const key = this.userProps.get(this.propertyName());
    return key ? maskKey(key) : null;
  }

  /** Validates a pasted key and saves it; refuses (saving nothing) what cannot work. */
  save(raw: string, now: number): SaveKeyResult {
    const key = normalizeKeyInput(raw);
    let info: KeyInfo;
    try {
      info = decodeKey(key);
    } catch (e) {
      if (e instanceof KeyFormatError) return { ok: false, problem: e.problem };
      throw e;
    }
    if (info.expiresAt !== null && info.expiresAt <= now) return { ok: false, problem: 'expired', expiresAt: info.expiresAt };
    this.userProps.set(this.propertyName(), key);
    return { ok: true, info };
  }

  remove(): void {
    this.userProps.remove(this.propertyName());
  }
}
