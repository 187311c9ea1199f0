/** Utilities and Blob. */
import * as crypto from 'crypto';
import * as zlib from 'zlib';
import { isDateLike, RealDate } from './clock';
import { Ctx, signatureError, Svc } from './context';
import { formatJavaDate, PatternError } from './dateformat';

export const MAX_SLEEP_MS = 300000;

export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });
export const DigestAlgorithm = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
});
export const MacAlgorithm = Object.freeze({
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
});
const NODE_HASH: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** Java-style signed bytes (-128..127). */
export function toSignedBytes(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
  return out;
}

function encodingOf(charset: unknown): BufferEncoding {
  return charset === 'US_ASCII' ? 'latin1' : 'utf8';
}

export class FakeBlob extends Svc {
  constructor(
    ctx: Ctx,
    public _bytes: Buffer,
    public _type: string | null,
    public _name: string | null,
  ) {
    super(ctx, 'utilities', 'Blob');
  }
  getBytes(): number[] {
    return toSignedBytes(this._bytes);
  }
  setBytes(data: number[]): FakeBlob {
    this._bytes = Buffer.from(data.map((b) => b & 255));
    return this;
  }
  getDataAsString(charset?: string): string {
    return this._bytes.toString(encodingOf(charset));
  }
  setDataFromString(string: string, charset?: string): FakeBlob {
    this._bytes = Buffer.from(String(string), encodingOf(charset));
    return this;
  }
  getContentType(): string | null {
    return this._type;
  }
  setContentType(contentType: string | null): FakeBlob {
    this._type = contentType;
    return this;
  }
  setContentTypeFromExtension(): FakeBlob {
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): FakeBlob {
    this._name = String(name);
    return this;
  }
  copyBlob(): FakeBlob {
    return new FakeBlob(this._ctx, Buffer.from(this._bytes), this._type, this._name);
  }
  getAs(contentType: string): FakeBlob {
    return new FakeBlob(this._ctx, Buffer.from(this._bytes), contentType, this._name);
  }
  getBlob(): FakeBlob {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
}

export class FakeUtilities extends Svc {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  private _uuidSeq = 0;
  constructor(ctx: Ctx) {
    super(ctx, 'utilities', 'Utilities');
  }

  private _data(x: unknown, charset: unknown, method: string): Buffer {
    if (typeof x === 'string') return Buffer.from(x, encodingOf(charset));
    if (Array.isArray(x)) return Buffer.from(x.map((b) => Number(b) & 255));
    if (x instanceof FakeBlob) return Buffer.from(x._bytes);
    throw signatureError(this._ctx, `Utilities.${method}`, [x]);
  }

  sleep(milliseconds: number): void {
    if (typeof milliseconds !== 'number' || isNaN(milliseconds)) throw signatureError(this._ctx, 'Utilities.sleep', [milliseconds]);
    if (milliseconds < 0 || milliseconds > MAX_SLEEP_MS) throw this._ctx.error('Invalid argument: milliseconds');
    this._ctx.clock.advance(milliseconds);
    this._ctx.stats.sleepMs += milliseconds;
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateLike(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(this._ctx, 'Utilities.formatDate', [date, timeZone, format]);
    }
    const t = RealDate.prototype.getTime.call(date);
    if (isNaN(t)) throw this._ctx.error('Invalid argument: date');
    try {
      return formatJavaDate(t, timeZone, format);
    } catch (e) {
      if (e instanceof PatternError) throw this._ctx.error(e.message);
      throw e;
    }
  }

  formatString(template: string, ...args: unknown[]): string {
    let k = 0;
    return String(template).replace(/%(-?\d*)(?:\.(\d+))?([sdfi%])/g, (_m, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const a = args[k++];
      let s: string;
      if (conv === 'd' || conv === 'i') s = String(Math.trunc(Number(a)));
      else if (conv === 'f') s = Number(a).toFixed(prec === undefined ? 6 : Number(prec));
      else s = String(a);
      const w = Math.abs(Number(width || 0));
      return width.startsWith('-') ? s.padEnd(w) : s.padStart(w);
    });
  }

  base64Encode(data: unknown, charset?: string): string {
    return this._data(data, charset, 'base64Encode').toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return this._data(data, charset, 'base64EncodeWebSafe').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: string): number[] {
    if (typeof encoded !== 'string') throw signatureError(this._ctx, 'Utilities.base64Decode', [encoded]);
    const s = encoded.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw this._ctx.error('Could not decode string.');
    return toSignedBytes(Buffer.from(s, 'base64'));
  }
  base64DecodeWebSafe(encoded: string, _charset?: string): number[] {
    if (typeof encoded !== 'string') throw signatureError(this._ctx, 'Utilities.base64DecodeWebSafe', [encoded]);
    const s = encoded.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9\-_]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw this._ctx.error('Could not decode string.');
    return toSignedBytes(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  newBlob(data: unknown, contentType?: string, name?: string): FakeBlob {
    const bytes = data === undefined ? Buffer.alloc(0) : this._data(data, undefined, 'newBlob');
    return new FakeBlob(this._ctx, bytes, contentType ?? null, name ?? null);
  }

  getUuid(): string {
    const h = crypto.createHash('sha256').update(`wb-sheets-runtime-uuid-${++this._uuidSeq}`).digest();
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  }

  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const alg = NODE_HASH[String(algorithm)];
    if (!alg) throw this._ctx.error(`Invalid argument: algorithm`);
    return toSignedBytes(crypto.createHash(alg).update(this._data(value, charset, 'computeDigest')).digest());
  }
  computeHmacSignature(algorithm: string, value: unknown, key: unknown, charset?: string): number[] {
    const alg = NODE_HASH[String(algorithm).replace(/^HMAC_/, '')];
    if (!alg) throw this._ctx.error(`Invalid argument: algorithm`);
    return toSignedBytes(
      crypto.createHmac(alg, this._data(key, charset, 'computeHmacSignature')).update(this._data(value, charset, 'computeHmacSignature')).digest(),
    );
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }

  gzip(blob: FakeBlob, name?: string): FakeBlob {
    return new FakeBlob(this._ctx, zlib.gzipSync(blob._bytes), 'application/x-gzip', name ?? (blob._name ? blob._name + '.gz' : null));
  }
  ungzip(blob: FakeBlob): FakeBlob {
    try {
      return new FakeBlob(this._ctx, zlib.gunzipSync(blob._bytes), null, blob._name?.replace(/\.gz$/, '') ?? null);
    } catch {
      throw this._ctx.error('Could not decompress gzip.');
    }
  }

  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let q = false;
    const s = String(csv);
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (q) {
        if (ch === '"' && s[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') q = false;
        else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === delimiter) {
        row.push(cell);
        cell = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && s[i + 1] === '\n') i++;
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else cell += ch;
    }
    if (cell !== '' || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  jsonParse(jsonString: string): unknown {
    return JSON.parse(jsonString);
  }
  jsonStringify(obj: unknown): string {
    return JSON.stringify(obj);
  }
}
