/** Thin adapters over the other Apps Script services. */
import { Clock, Http, HttpRequest, HttpResponse, KeyValueStore, Lock } from './types';

export class PropertiesStore implements KeyValueStore {
  constructor(private readonly props: GoogleAppsScript.Properties.Properties) {}
  static user(): PropertiesStore {
    return new PropertiesStore(PropertiesService.getUserProperties());
  }
  static document(): PropertiesStore {
    return new PropertiesStore(PropertiesService.getDocumentProperties());
  }
  get(key: string): string | null {
    return this.props.getProperty(key);
  }
  set(key: string, value: string): void {
    this.props.setProperty(key, value);
  }
  remove(key: string): void {
    this.props.deleteProperty(key);
  }
  keys(): string[] {
    return this.props.getKeys();
  }
}

export const appsScriptClock: Clock = {
  now: () => new Date().getTime(),
  sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.min(ms, 300000))),
};

function headersOf(response: GoogleAppsScript.URL_Fetch.HTTPResponse): Record<string, string> {
  const all = response.getHeaders() as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of Object.keys(all)) out[k] = String(all[k]);
  return out;
}

export const appsScriptHttp: Http = {
  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    const params = requests.map((r) => ({
      url: r.url,
      method: r.method,
      headers: r.headers,
      payload: r.body,
      contentType: r.body !== undefined ? 'application/json' : undefined,
      muteHttpExceptions: true,
      followRedirects: false,
    }));
    try {
      return UrlFetchApp.fetchAll(params as GoogleAppsScript.URL_Fetch.URLFetchRequest[]).map((res) => ({
        status: res.getResponseCode(),
        headers: headersOf(res),
        body: res.getContentText(),
      }));
    } catch (e) {
      // A network failure (DNS, timeout) or an oversized answer throws for the whole
      // batch. Its text names the URL only, never headers; we keep only its kind.
      const failure = /too large|exceed/i.test(String(e && (e as Error).message)) ? 'too_large' : 'network';
      return requests.map(() => ({ status: 0, headers: {}, body: '', failure }));
    }
  },
};

export class DocumentLock implements Lock {
  private readonly lock = LockService.getDocumentLock();
  tryLock(timeoutMs: number): boolean {
    return this.lock ? this.lock.tryLock(timeoutMs) : true;
  }
  release(): void {
    if (this.lock && this.lock.hasLock()) {
      SpreadsheetApp.flush();
      this.lock.releaseLock();
    }
  }
}

/** 'en' unless the user's locale is Russian (or unknown, since our sellers are mostly Russian). */
export function userLocale(): 'ru' | 'en' {
  let locale = '';
  try {
    locale = Session.getActiveUserLocale() || '';
  } catch {
    locale = '';
  }
  return locale === '' || /^ru/i.test(locale) ? 'ru' : 'en';
}

/**
 * Where a running refresh posts its progress for the sidebar to poll: the document
 * cache (shared by the document's users, gone after 10 minutes). Never holds a key.
 */
export class ProgressBoard {
  private readonly cache = CacheService.getDocumentCache() || CacheService.getUserCache();
  private static readonly KEY = 'wb.progress';
  post(message: string, at: number): void {
    this.cache.put(ProgressBoard.KEY, JSON.stringify({ message, at }), 600);
  }
  clear(): void {
    this.cache.remove(ProgressBoard.KEY);
  }
  read(): { message: string; at: number } | null {
    const raw = this.cache.get(ProgressBoard.KEY);
    try {
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }
}
