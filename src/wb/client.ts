/**
 * Sends WB requests within the rate buckets and turns answers into data or typed
 * errors. The key goes only into the Authorization header of requests to WB hosts.
 */
import { Clock, Http, HttpRequest, HttpResponse } from '../gas/types';
import { Bucket, Endpoint, PING_BUCKET, endpointUrl, pingUrl } from './endpoints';
import { WbError, errorFromResponse, retryAfterMs } from './errors';
import { parseObject, parseRowArray, utf8Bytes } from './json';
import { BucketState, nextAllowedAt, rateHeaders, refused, spent } from './rate-limit';
import { KeyInfo } from './token';

export interface Credentials {
  key: string;
  info: KeyInfo;
}

/** Where bucket states live between executions. */
export interface RateBook {
  get(bucketId: string): BucketState | undefined;
  set(bucketId: string, state: BucketState): void;
}

export interface RequestParts {
  query?: Record<string, string>;
  body?: unknown;
  pathParams?: Record<string, string>;
}

/** 5xx and network failures are retried this many times, with short backoff, then reported. */
const RETRIES = 2;
const BACKOFF_MS = [2000, 5000];

export type PingResult = 'ok' | 'refused' | 'scope' | 'unreachable' | 'skipped';

/** A request a report will make first this run, declared ahead so several can go out at once. */
export interface PlannedRequest {
  endpoint: Endpoint;
  creds: Credentials;
  parts: RequestParts;
}

/** An answer that arrived in a parallel batch, waiting for the request that will ask for it. */
interface Prefetched {
  response: HttpResponse;
  /** When it arrived. */
  at: number;
}

export class WbClient {
  /** Requests sent in this execution, for the run summary and benchmarks. */
  requestCount = 0;
  /** Answers fetched ahead in one parallel batch (see prefetch), by request; each is used once. */
  private prefetched = new Map<string, Prefetched>();
  /** When the answer of the last request made through fetchRows/fetchObject arrived. */
  lastAnswerAt = 0;
  /** Requests of a parallel batch that failed as too large (any of them may be the oversized one). */
  private oversized = new Set<string>();
  /** UTF-8 bytes of the last 200 answer (realization pages are sized from it). */
  lastAnswerBytes = 0;

  constructor(private readonly http: Http, private readonly clock: Clock, private readonly rates: RateBook) {}

  private bucket(endpoint: Endpoint, creds: Credentials): Bucket {
    return endpoint.buckets[creds.info.type];
  }

  /**
   * Milliseconds until the endpoint's bucket allows a request (0 = now). With `parts`:
   * 0 when the answer to exactly that request is already here (fetched ahead).
   */
  waitMs(endpoint: Endpoint, creds: Credentials, parts?: RequestParts): number {
    if (parts && this.prefetched.has(requestKey(this.request(endpoint, creds, parts)))) return 0;
    return this.bucketWait(endpoint, creds);
  }

  private bucketWait(endpoint: Endpoint, creds: Credentials): number {
    const now = this.clock.now();
    return Math.max(0, nextAllowedAt(this.bucket(endpoint, creds), this.rates.get(endpoint.id), now) - now);
  }

  /**
   * Sends several reports' first requests in one parallel batch (UrlFetchApp.fetchAll),
   * one per endpoint and only those their buckets allow now. Each is accounted exactly
   * as a request sent alone: a bucket token spent when the answers are back (whatever
   * they are), a request counted, a 429 blocking its endpoint. The answers wait here
   * until fetchRows/fetchObject asks for the same request (method, URL, body, key); one
   * never asked for is dropped with the client. When the whole batch fails at once (Apps Script throws for the whole
   * fetchAll on a network failure or an oversized answer, so no answer says whose it
   * was), nothing is kept: each report asks again alone once its bucket allows.
   * Returns, per planned request, whether it was sent.
   */
  prefetch(planned: PlannedRequest[]): boolean[] {
    const sent = planned.map(() => false);
    const endpoints = new Set<string>();
    const due: number[] = [];
    planned.forEach((p, i) => {
      if (endpoints.has(p.endpoint.id) || this.bucketWait(p.endpoint, p.creds) > 0) return;
      endpoints.add(p.endpoint.id);
      due.push(i);
    });
    // One request gains nothing from a batch: it goes out when its report asks for it.
    if (due.length < 2) return sent;
    const requests = due.map((i) => this.request(planned[i].endpoint, planned[i].creds, planned[i].parts));
    const prior = due.map((i) => this.reserve(planned[i].endpoint, planned[i].creds));
    this.requestCount += due.length;
    const responses = this.http.fetchAll(requests);
    const at = this.clock.now();
    const whole = responses.length === requests.length && !responses.every((r) => r.status === 0);
    // Apps Script does not say whose answer was over 50 MB: each of them may have been.
    if (!whole && responses.length && responses.every((r) => r.status === 0 && r.failure === 'too_large')) requests.forEach((r) => this.oversized.add(requestKey(r)));
    due.forEach((i, n) => {
      sent[i] = true;
      // A batch that failed as a whole was still served (an oversized answer is): all are spent.
      this.account(planned[i].endpoint, planned[i].creds, prior[n], whole ? responses[n] : { status: 0, headers: {}, body: '' }, at);
      if (whole) this.prefetched.set(requestKey(requests[n]), { response: responses[n], at });
    });
    return sent;
  }

  /**
   * Whether this request went out in a parallel batch that failed as too large: Apps
   * Script does not say whose answer was over 50 MB, so it may have been this one.
   */
  failedForSize(endpoint: Endpoint, creds: Credentials, parts: RequestParts): boolean {
    return this.oversized.has(requestKey(this.request(endpoint, creds, parts)));
  }

  /** Sends one request (with retries on 5xx/network). Returns the parsed body, or null for 204. */
  private call(endpoint: Endpoint, creds: Credentials, parts: RequestParts, expect: '[' | '{'): unknown {
    const bucket = this.bucket(endpoint, creds);
    const request = this.request(endpoint, creds, parts);
    const key = requestKey(request);
    for (let attempt = 0; ; attempt++) {
      const ahead = attempt === 0 ? this.prefetched.get(key) : undefined;
      let response: HttpResponse;
      if (ahead) {
        // Fetched in a parallel batch: its token and count were spent then.
        this.prefetched.delete(key);
        response = ahead.response;
        this.lastAnswerAt = ahead.at;
      } else {
        const wait = this.bucketWait(endpoint, creds);
        if (wait > 0) throw new WbError('rate', 429, 'local bucket', wait);
        const prior = this.reserve(endpoint, creds);
        response = this.send(request);
        this.lastAnswerAt = this.clock.now();
        this.account(endpoint, creds, prior, response, this.lastAnswerAt);
      }
      if (response.status === 204) return null;
      if (response.status === 200) this.lastAnswerBytes = utf8Bytes(response.body);
      if (response.status === 200) return expect === '[' ? parseRowArray(response.body, 200) : parseObject(response.body, 200);
      const error = errorFromResponse(response.status, response.headers, response.body, response.failure);
      if (error.kind === 'rate') {
        // Its block was recorded when it arrived (account): what is left of it.
        throw new WbError('rate', 429, error.detail, this.bucketWait(endpoint, creds) || error.retryAfterMs || bucket.intervalMs);
      }
      if ((error.kind === 'server' || error.kind === 'network') && attempt < RETRIES && this.bucketWait(endpoint, creds) <= BACKOFF_MS[attempt]) {
        this.clock.sleep(Math.max(BACKOFF_MS[attempt], this.bucketWait(endpoint, creds)));
        continue;
      }
      throw error;
    }
  }

  /**
   * Counts a request as spent from now, before it goes out, so an execution killed
   * while it is on its way has not forgotten it. Returns the bucket as it was before;
   * account() then counts the request again from when its answer arrived.
   */
  private reserve(endpoint: Endpoint, creds: Credentials): BucketState | undefined {
    const prior = this.rates.get(endpoint.id);
    this.rates.set(endpoint.id, spent(this.bucket(endpoint, creds), prior, this.clock.now()));
    return prior;
  }

  /**
   * Records a request WB answered at `at` in its endpoint's bucket (`prior`: the bucket
   * before it). WB took a token for anything it served, whatever became of the answer
   * (too large for UrlFetchApp, cut off): only a 429 took none, and it says how long to
   * wait instead.
   */
  private account(endpoint: Endpoint, creds: Credentials, prior: BucketState | undefined, response: HttpResponse, at: number): void {
    const bucket = this.bucket(endpoint, creds);
    if (response.status === 429) {
      const said = rateHeaders(response.headers);
      const retry = retryAfterMs(response.headers) || bucket.intervalMs;
      this.rates.set(endpoint.id, refused(bucket, at, retry, said.resetMs));
      return;
    }
    this.rates.set(endpoint.id, spent(bucket, prior, at, rateHeaders(response.headers)));
  }

  /** A page of rows; [] for 204. Throws WbError; never sends a request the bucket would refuse. */
  fetchRows(endpoint: Endpoint, creds: Credentials, parts: RequestParts | Record<string, string>): Record<string, unknown>[] {
    const p = 'query' in parts || 'body' in parts || 'pathParams' in parts ? (parts as RequestParts) : { query: parts as Record<string, string> };
    return (this.call(endpoint, creds, p, '[') as Record<string, unknown>[] | null) || [];
  }

  /** A JSON object answer (task creation and status); null for 204. */
  fetchObject(endpoint: Endpoint, creds: Credentials, parts: RequestParts): Record<string, unknown> | null {
    return this.call(endpoint, creds, parts, '{') as Record<string, unknown> | null;
  }

  /**
   * Checks a key on each host with /ping, in parallel, within /ping's own limit of 3
   * per 30 s per host (a host whose bucket is empty is skipped, not hammered).
   */
  ping(key: string, hosts: string[]): Record<string, PingResult> {
    const now = this.clock.now();
    const results: Record<string, PingResult> = {};
    const due = hosts.filter((host) => {
      if (nextAllowedAt(PING_BUCKET, this.rates.get('ping:' + host), now) > now) {
        results[host] = 'skipped';
        return false;
      }
      return true;
    });
    if (!due.length) return results;
    this.requestCount += due.length;
    const prior = due.map((host) => {
      const state = this.rates.get('ping:' + host);
      this.rates.set('ping:' + host, spent(PING_BUCKET, state, now));
      return state;
    });
    const responses = this.http.fetchAll(due.map((host) => ({ url: pingUrl(host), method: 'get' as const, headers: { Authorization: key } })));
    const at = this.clock.now();
    due.forEach((host, i) => {
      this.rates.set('ping:' + host, spent(PING_BUCKET, prior[i], at, rateHeaders(responses[i] ? responses[i].headers : {})));
      const r = responses[i];
      if (r.status === 200) results[host] = 'ok';
      else if (r.status === 401 || r.status === 403) results[host] = /scope not allowed/i.test(r.body) ? 'scope' : 'refused';
      else results[host] = 'unreachable';
    });
    return results;
  }

  private request(endpoint: Endpoint, creds: Credentials, parts: RequestParts): HttpRequest {
    const hasBody = parts.body !== undefined;
    return {
      url: endpointUrl(endpoint, creds.info.sandbox, parts.query || {}, parts.pathParams || {}),
      method: endpoint.method,
      headers: { Authorization: creds.key, Accept: 'application/json' },
      // A string body is already JSON (the realization body carries a bare big integer).
      body: hasBody ? (typeof parts.body === 'string' ? parts.body : JSON.stringify(parts.body)) : undefined,
    };
  }

  private send(request: HttpRequest): HttpResponse {
    this.requestCount++;
    const [response] = this.http.fetchAll([request]);
    return response;
  }
}

/** Identity of a request for answers fetched ahead: method, URL, body and key (kept in memory only). */
function requestKey(request: HttpRequest): string {
  return request.method + ' ' + request.url + '\n' + (request.body === undefined ? '' : request.body) + '\n' + request.headers.Authorization;
}
