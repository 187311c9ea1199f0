/** PropertiesService with Apps Script's size limits. */
import { Ctx, signatureError, Svc, utf8Bytes } from './context';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

export type Store = Map<string, string>;

export class PropertyStores {
  readonly user = new Map<string, Store>();
  readonly document: Store = new Map();
  readonly script: Store = new Map();
  forUser(email: string): Store {
    let s = this.user.get(email);
    if (!s) this.user.set(email, (s = new Map()));
    return s;
  }
}

function storeBytes(s: Store): number {
  let n = 0;
  for (const [k, v] of s) n += utf8Bytes(k) + utf8Bytes(v);
  return n;
}

export class FakeProperties extends Svc {
  constructor(
    ctx: Ctx,
    readonly _store: Store,
    readonly _readOnly: boolean,
  ) {
    super(ctx, 'properties', 'Properties');
  }
  private _writable(method: string): void {
    if (this._readOnly) throw this._ctx.error(`You do not have permission to call ${method}`);
  }
  private _checkValue(key: unknown, value: unknown, method: string): [string, string] {
    if (key === null || key === undefined || value === null || value === undefined) {
      throw signatureError(this._ctx, `Properties.${method}`, [key, value]);
    }
    const k = String(key);
    const v = String(value);
    if (utf8Bytes(v) > MAX_VALUE_BYTES) throw this._ctx.error('Argument too large: value');
    return [k, v];
  }
  private _checkTotal(next: Store): void {
    if (storeBytes(next) > MAX_STORE_BYTES) {
      throw this._ctx.error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }
  getProperty(key: string): string | null {
    if (key === null || key === undefined) throw signatureError(this._ctx, 'Properties.getProperty', [key]);
    return this._store.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    const o: Record<string, string> = {};
    for (const [k, v] of this._store) o[k] = v;
    return o;
  }
  getKeys(): string[] {
    return [...this._store.keys()];
  }
  setProperty(key: string, value: string): FakeProperties {
    this._writable('setProperty');
    const [k, v] = this._checkValue(key, value, 'setProperty');
    const next = new Map(this._store);
    next.set(k, v);
    this._checkTotal(next);
    this._store.set(k, v);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): FakeProperties {
    this._writable('setProperties');
    if (properties === null || typeof properties !== 'object') throw signatureError(this._ctx, 'Properties.setProperties', [properties]);
    const entries = Object.keys(properties).map((k) => this._checkValue(k, properties[k], 'setProperties'));
    const next: Store = deleteAllOthers ? new Map() : new Map(this._store);
    for (const [k, v] of entries) next.set(k, v);
    this._checkTotal(next);
    this._store.clear();
    for (const [k, v] of next) this._store.set(k, v);
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this._writable('deleteProperty');
    this._store.delete(String(key));
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this._writable('deleteAllProperties');
    this._store.clear();
    return this;
  }
}

export class FakePropertiesService extends Svc {
  constructor(
    ctx: Ctx,
    readonly _stores: PropertyStores,
  ) {
    super(ctx, 'properties', 'PropertiesService');
  }
  getUserProperties(): FakeProperties {
    const e = this._ctx.exec();
    if (e.authMode === 'CUSTOM_FUNCTION') {
      // custom functions see the spreadsheet owner's user properties; other users cannot change them
      return new FakeProperties(this._ctx, this._stores.forUser(this._ctx.owner), e.user !== this._ctx.owner);
    }
    return new FakeProperties(this._ctx, this._stores.forUser(e.user), false);
  }
  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this._ctx, this._stores.document, false);
  }
  getScriptProperties(): FakeProperties {
    return new FakeProperties(this._ctx, this._stores.script, false);
  }
}
