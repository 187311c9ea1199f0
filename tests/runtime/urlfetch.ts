/** UrlFetchApp over a FetchHandler, with Apps Script's errors and limits. */
import { FakeRequest, FakeResponse, FetchHandler } from '../shared/http';
import { Ctx, signatureError, Svc } from './context';
import { FakeBlob, toSignedBytes } from './utilities';

export const MAX_URL_LENGTH = 2082;
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
export const DAILY_FETCH_QUOTA = 20000;
const TRUNCATE_AT = 150;

export interface FetchLogEntry {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  status: number;
  at: number;
}

export interface FetchConfig {
  handler?: FetchHandler;
  latencyMs: number;
  maxResponseBytes: number;
  dailyQuota: number;
  log: FetchLogEntry[];
}

interface Params {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
  useIntranet?: boolean;
}

interface Prepared {
  req: FakeRequest;
  mute: boolean;
  follow: boolean;
}

function formEncode(obj: Record<string, unknown>): string {
  return Object.keys(obj)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(obj[k]))}`)
    .join('&');
}

function hostOf(url: string): string {
  const m = /^(https?:\/\/[^/?#]+)/i.exec(url);
  return m ? m[1] : url;
}

export class FakeHTTPResponse extends Svc {
  constructor(
    ctx: Ctx,
    readonly _status: number,
    readonly _headers: Record<string, string>,
    readonly _body: string,
  ) {
    super(ctx, 'urlfetch', 'HTTPResponse');
  }
  getResponseCode(): number {
    return this._status;
  }
  getContentText(_charset?: string): string {
    return this._body;
  }
  getContent(): number[] {
    return toSignedBytes(Buffer.from(this._body, 'utf8'));
  }
  getHeaders(): Record<string, string> {
    return { ...this._headers };
  }
  getAllHeaders(): Record<string, string> {
    return { ...this._headers };
  }
  getBlob(): FakeBlob {
    const ct = Object.keys(this._headers).find((k) => k.toLowerCase() === 'content-type');
    return new FakeBlob(this._ctx, Buffer.from(this._body, 'utf8'), ct ? this._headers[ct] : null, null);
  }
  getAs(contentType: string): FakeBlob {
    return this.getBlob().getAs(contentType);
  }
}

export class FakeUrlFetchApp extends Svc {
  private _day = { start: -Infinity, count: new Map<string, number>() };
  constructor(
    ctx: Ctx,
    readonly _cfg: FetchConfig,
  ) {
    super(ctx, 'urlfetch', 'UrlFetchApp');
  }

  private _prepare(url: unknown, params: unknown, method: string): Prepared {
    if (typeof url !== 'string') throw signatureError(this._ctx, `UrlFetchApp.${method}`, [url, params]);
    const p = (params ?? {}) as Params;
    if (typeof p !== 'object') throw signatureError(this._ctx, `UrlFetchApp.${method}`, [url, params]);
    if (url.length > MAX_URL_LENGTH) throw this._ctx.error('Limit Exceeded: URLFetch URL Length.');
    if (!/^https:\/\/[^/?#\s]+/i.test(url)) throw this._ctx.error(`Invalid argument: ${url}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.headers ?? {})) headers[k] = String(v);
    let payload: string | undefined;
    if (p.payload !== undefined && p.payload !== null) {
      if (typeof p.payload === 'string') payload = p.payload;
      else if (p.payload instanceof FakeBlob) payload = p.payload.getDataAsString();
      else if (Array.isArray(p.payload)) payload = Buffer.from(p.payload.map((b) => Number(b) & 255)).toString('utf8');
      else if (typeof p.payload === 'object') payload = formEncode(p.payload as Record<string, unknown>);
      else payload = String(p.payload);
    }
    const hasCt = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
    if (p.contentType !== undefined) {
      if (hasCt) delete headers[hasCt];
      headers['Content-Type'] = String(p.contentType);
    } else if (payload !== undefined && !hasCt) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return {
      req: { url, method: String(p.method ?? 'get').toUpperCase(), headers, payload },
      mute: !!p.muteHttpExceptions,
      follow: p.followRedirects !== false,
    };
  }

  private _quota(): void {
    const now = this._ctx.clock.now();
    if (now - this._day.start >= 86400000) this._day = { start: now, count: new Map() };
    const user = this._ctx.activeUser();
    const n = (this._day.count.get(user) ?? 0) + 1;
    if (n > this._cfg.dailyQuota) throw this._ctx.error('Service invoked too many times for one day: urlfetch.');
    this._day.count.set(user, n);
  }

  /** Sends one request (following redirects) at virtual time `at`. */
  private _send(p: Prepared, at: number): FakeResponse {
    let req = p.req;
    for (let hop = 0; ; hop++) {
      this._quota();
      this._ctx.stats.fetchCount++;
      let res: FakeResponse;
      try {
        res = this._cfg.handler ? this._cfg.handler({ ...req, headers: { ...req.headers } }, at) : { status: 404, headers: {}, body: 'Not Found' };
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        this._cfg.log.push({ url: req.url, method: req.method, headers: req.headers, payload: req.payload, status: 0, at });
        if (/^DNS/i.test(msg)) throw this._ctx.error(`DNS error: ${req.url}`);
        if (/^Address unavailable/i.test(msg)) throw this._ctx.error(`Address unavailable: ${req.url}`);
        if (/^Timeout/i.test(msg)) throw this._ctx.error(`Timeout: ${req.url}`);
        throw e;
      }
      this._cfg.log.push({ url: req.url, method: req.method, headers: req.headers, payload: req.payload, status: res.status, at });
      const loc = Object.keys(res.headers ?? {}).find((k) => k.toLowerCase() === 'location');
      if (p.follow && loc && [301, 302, 303, 307, 308].includes(res.status) && hop < 10) {
        const target = new URL(res.headers[loc], req.url).toString();
        const keepBody = res.status === 307 || res.status === 308;
        req = { url: target, method: keepBody ? req.method : 'GET', headers: req.headers, payload: keepBody ? req.payload : undefined };
        continue;
      }
      return res;
    }
  }

  private _finish(p: Prepared, res: FakeResponse): FakeHTTPResponse {
    const body = res.body ?? '';
    if (Buffer.byteLength(body, 'utf8') > this._cfg.maxResponseBytes) {
      throw this._ctx.error(`Response too large: ${p.req.url}`);
    }
    if (!p.mute && res.status >= 400) {
      const shown = body.length > TRUNCATE_AT ? body.slice(0, TRUNCATE_AT - 3) + '...' : body;
      throw this._ctx.error(
        `Request failed for ${hostOf(p.req.url)} returned code ${res.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new FakeHTTPResponse(this._ctx, res.status, { ...(res.headers ?? {}) }, body);
  }

  fetch(url: string, params?: Params): FakeHTTPResponse {
    const p = this._prepare(url, params, 'fetch');
    const at = this._ctx.clock.now();
    let res: FakeResponse;
    try {
      res = this._send(p, at);
    } finally {
      this._ctx.clock.advance(this._cfg.latencyMs);
    }
    return this._finish(p, res);
  }

  fetchAll(requests: (string | ({ url: string } & Params))[]): FakeHTTPResponse[] {
    if (!Array.isArray(requests)) throw signatureError(this._ctx, 'UrlFetchApp.fetchAll', [requests]);
    const prepared = requests.map((r) =>
      typeof r === 'string' ? this._prepare(r, {}, 'fetchAll') : this._prepare(r?.url, r, 'fetchAll'),
    );
    const at = this._ctx.clock.now();
    let results: FakeResponse[];
    try {
      results = prepared.map((p) => this._send(p, at));
    } finally {
      if (prepared.length) this._ctx.clock.advance(this._cfg.latencyMs);
    }
    return prepared.map((p, i) => this._finish(p, results[i]));
  }

  getRequest(url: string, params?: Params): Record<string, unknown> {
    const p = this._prepare(url, params, 'getRequest');
    return {
      url: p.req.url,
      method: p.req.method.toLowerCase(),
      headers: p.req.headers,
      payload: p.req.payload ?? '',
      contentType: p.req.headers['Content-Type'] ?? null,
      followRedirects: p.follow,
      muteHttpExceptions: p.mute,
      validateHttpsCertificates: (params as Params | undefined)?.validateHttpsCertificates !== false,
      useIntranet: false,
    };
  }
}
