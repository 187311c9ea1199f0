/** CacheService: script, user and document caches expiring on the virtual clock. */
import { Ctx, signatureError, Svc, utf8Bytes } from './context';

export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const MAX_TTL_S = 21600;
export const DEFAULT_TTL_S = 600;
export const MAX_ITEMS = 1000;

interface Entry {
  value: string;
  expires: number;
}

export class CacheStores {
  readonly stores = new Map<string, Map<string, Entry>>();
  get(scope: string): Map<string, Entry> {
    let s = this.stores.get(scope);
    if (!s) this.stores.set(scope, (s = new Map()));
    return s;
  }
  /** Every value not yet expired, in any cache. */
  dump(now: number): string[] {
    const out: string[] = [];
    for (const s of this.stores.values()) for (const e of s.values()) if (e.expires > now) out.push(e.value);
    return out;
  }
}

export class FakeCache extends Svc {
  constructor(
    ctx: Ctx,
    readonly _map: Map<string, Entry>,
  ) {
    super(ctx, 'cache', 'Cache');
  }
  private _key(key: unknown, method: string): string {
    if (key === null || key === undefined) throw signatureError(this._ctx, `Cache.${method}`, [key]);
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) throw this._ctx.error('Argument too large: key');
    return k;
  }
  private _now(): number {
    return this._ctx.clock.now();
  }
  private _put(key: unknown, value: unknown, ttl: unknown, method: string): void {
    const k = this._key(key, method);
    if (value === null || value === undefined) throw signatureError(this._ctx, `Cache.${method}`, [key, value]);
    const v = String(value);
    if (utf8Bytes(v) > MAX_VALUE_BYTES) throw this._ctx.error('Argument too large: value');
    let t = ttl === undefined ? DEFAULT_TTL_S : Number(ttl);
    if (isNaN(t)) throw signatureError(this._ctx, `Cache.${method}`, [key, value, ttl]);
    t = Math.min(MAX_TTL_S, Math.max(1, Math.trunc(t)));
    const now = this._now();
    this._map.delete(k);
    if (this._map.size >= MAX_ITEMS) {
      for (const [kk, e] of this._map) if (e.expires <= now) this._map.delete(kk);
      while (this._map.size >= MAX_ITEMS) this._map.delete(this._map.keys().next().value as string);
    }
    this._map.set(k, { value: v, expires: now + t * 1000 });
  }
  get(key: string): string | null {
    const k = this._key(key, 'get');
    const e = this._map.get(k);
    if (!e) return null;
    if (e.expires <= this._now()) {
      this._map.delete(k);
      return null;
    }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    if (!Array.isArray(keys)) throw signatureError(this._ctx, 'Cache.getAll', [keys]);
    const out: Record<string, string> = {};
    const now = this._now();
    for (const key of keys) {
      const k = this._key(key, 'getAll');
      const e = this._map.get(k);
      if (e && e.expires > now) out[k] = e.value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this._put(key, value, expirationInSeconds, 'put');
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    if (values === null || typeof values !== 'object') throw signatureError(this._ctx, 'Cache.putAll', [values]);
    for (const k of Object.keys(values)) this._put(k, values[k], expirationInSeconds, 'putAll');
  }
  remove(key: string): void {
    this._map.delete(this._key(key, 'remove'));
  }
  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw signatureError(this._ctx, 'Cache.removeAll', [keys]);
    for (const k of keys) this._map.delete(this._key(k, 'removeAll'));
  }
}

export class FakeCacheService extends Svc {
  constructor(
    ctx: Ctx,
    readonly _stores: CacheStores,
  ) {
    super(ctx, 'cache', 'CacheService');
  }
  getScriptCache(): FakeCache {
    return new FakeCache(this._ctx, this._stores.get('script'));
  }
  getUserCache(): FakeCache {
    return new FakeCache(this._ctx, this._stores.get('user:' + this._ctx.activeUser()));
  }
  getDocumentCache(): FakeCache {
    return new FakeCache(this._ctx, this._stores.get('document'));
  }
}
