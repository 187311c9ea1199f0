/**
 * WB answers turned into typed errors the sync layer can act on and the seller can
 * read. Messages never carry the key: they are built from our own texts plus WB's
 * `detail`, which WB fills with its own diagnostics.
 */
export type WbErrorKind =
  | 'unauthorized' // 401: malformed, revoked or expired key
  | 'scope' // 401 token scope not allowed: the key lacks the category (or is a sandbox key on prod)
  | 'rate' // 429
  | 'bad_request' // 400
  | 'gone' // 404 on a removed or unknown method
  | 'server' // 5xx
  | 'network' // no answer
  | 'too_large' // an answer over UrlFetchApp's 50 MB cap
  | 'bad_body'; // 200 with a body that is not the JSON we expect (HTML, truncated)

export class WbError extends Error {
  constructor(
    readonly kind: WbErrorKind,
    readonly status: number,
    /** WB's own explanation (problem+json `detail` or `errors`), trimmed; may be empty. */
    readonly detail: string,
    /** For 429: how long WB asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super('WB ' + kind + ' (' + status + ')' + (detail ? ': ' + detail : ''));
    this.name = 'WbError';
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === wanted) return headers[k];
  return undefined;
}

/** Seconds from X-Ratelimit-Retry, then Retry-After; null when neither is usable. */
export function retryAfterMs(headers: Record<string, string>): number | null {
  for (const name of ['X-Ratelimit-Retry', 'Retry-After']) {
    const v = headerValue(headers, name);
    if (v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.ceil(Number(v) * 1000);
  }
  return null;
}

function extractDetail(body: string): string {
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      if (typeof parsed.detail === 'string') return parsed.detail;
      if (Array.isArray(parsed.errors)) return parsed.errors.map(String).join('; ');
      if (typeof parsed.errors === 'string') return parsed.errors;
      // The feedbacks API: {data:null, error:true, errorText:"Плохой формат isAnswered"}
      if (typeof parsed.errorText === 'string') return parsed.errorText;
      if (typeof parsed.title === 'string') return parsed.title;
    }
  } catch {
    // not JSON: WB or a proxy answered with HTML or text
  }
  return '';
}

const MAX_DETAIL = 300;

/** Classifies a non-2xx answer. */
export function errorFromResponse(status: number, headers: Record<string, string>, body: string, failure?: 'network' | 'too_large'): WbError {
  const detail = extractDetail(body).slice(0, MAX_DETAIL);
  if (status === 0) return new WbError(failure === 'too_large' ? 'too_large' : 'network', 0, '');
  if (status === 401 || status === 403) {
    return new WbError(/scope not allowed/i.test(detail) ? 'scope' : 'unauthorized', status, detail);
  }
  if (status === 429) return new WbError('rate', status, detail, retryAfterMs(headers));
  if (status === 400 || status === 422) return new WbError('bad_request', status, detail);
  if (status === 404 || status === 405 || status === 410) return new WbError('gone', status, detail);
  if (status >= 500) return new WbError('server', status, detail);
  return new WbError('bad_request', status, detail);
}
