/**
 * LockService. A lock is held by an execution; run() releases what its execution
 * holds. runtime.holdLock() simulates another execution holding a lock until a
 * virtual time, and tryLock/waitLock wait on the virtual clock.
 */
import { Ctx, signatureError, Svc } from './context';

export type LockKind = 'document' | 'user' | 'script';
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

interface Holder {
  /** execution id, or -1 for a simulated other execution */
  owner: number;
  until?: number;
}

export class LockTable {
  readonly held = new Map<string, Holder>();
  releaseExecution(id: number): void {
    for (const [k, h] of this.held) if (h.owner === id) this.held.delete(k);
  }
  holdExternally(key: string, untilMs: number): void {
    this.held.set(key, { owner: -1, until: untilMs });
  }
}

export function lockKey(kind: LockKind, user: string): string {
  return kind === 'user' ? `user:${user}` : kind;
}

export class FakeLock extends Svc {
  constructor(
    ctx: Ctx,
    readonly _table: LockTable,
    readonly _key: string,
  ) {
    super(ctx, 'lock', 'Lock');
  }
  private _acquire(timeoutInMillis: unknown, method: string): boolean {
    if (typeof timeoutInMillis !== 'number' || isNaN(timeoutInMillis)) throw signatureError(this._ctx, `Lock.${method}`, [timeoutInMillis]);
    const ms = Math.max(0, timeoutInMillis);
    const me = this._ctx.exec().id;
    const clock = this._ctx.clock;
    const h = this._table.held.get(this._key);
    const now = clock.now();
    if (!h || h.owner === me || (h.owner === -1 && (h.until ?? 0) <= now)) {
      this._table.held.set(this._key, { owner: me });
      return true;
    }
    if (h.owner === -1 && h.until !== undefined && h.until <= now + ms) {
      clock.advance(h.until - now);
      this._table.held.set(this._key, { owner: me });
      return true;
    }
    clock.advance(ms);
    return false;
  }
  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(timeoutInMillis, 'tryLock');
  }
  waitLock(timeoutInMillis: number): void {
    if (!this._acquire(timeoutInMillis, 'waitLock')) throw this._ctx.error(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    const h = this._table.held.get(this._key);
    if (h && h.owner === this._ctx.exec().id) this._table.held.delete(this._key);
  }
  hasLock(): boolean {
    return this._table.held.get(this._key)?.owner === this._ctx.exec().id;
  }
}

export class FakeLockService extends Svc {
  constructor(
    ctx: Ctx,
    readonly _table: LockTable,
  ) {
    super(ctx, 'lock', 'LockService');
  }
  getDocumentLock(): FakeLock {
    return new FakeLock(this._ctx, this._table, lockKey('document', ''));
  }
  getUserLock(): FakeLock {
    return new FakeLock(this._ctx, this._table, lockKey('user', this._ctx.activeUser()));
  }
  getScriptLock(): FakeLock {
    return new FakeLock(this._ctx, this._table, lockKey('script', ''));
  }
}
