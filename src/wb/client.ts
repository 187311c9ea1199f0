/**
 * Sends WB requests within the rate buckets and turns answers into data or typed
 * errors. The key goes only into the Authorization header of requests to WB hosts.
 */
import { Clock, Http, HttpResponse } from '../gas/types';
import { Bucket, Endpoint, PING_BUCKET, endpointUrl, pingUrl } from './endpoints';
import { WbError, errorFromResponse } from './errors';
import { parseObject, parseRowArray } from './json';
import { BucketState, consume, nextAllowedAt, refused } from './rate-limit';
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

export class WbClient {
  /** Requests sent in this execution, for the run summary and benchmarks. */
  requestCount = 0;

  constructor(private readonly http: Http, private readonly clock: Clock, private readonly rates: RateBook) {}

  private bucket(endpoint: Endpoint, creds: Credentials): Bucket {
    return endpoint.buckets[creds.info.type];
  }

  /** Milliseconds until the endpoint's bucket allows a request (0 = now). */
  waitMs(endpoint: Endpoint, creds: Credentials): number {
    const now = this.clock.now();
    return Math.max(0, nextAllowedAt(this.bucket(endpoint, creds), this.rates.get(endpoint.id), now) - now);
  }

  /** Sends one request (with retries on 5xx/network). Returns the parsed body, or null for 204. */
  private call(endpoint: Endpoint, creds: Credentials, parts: RequestParts, expect: '[' | '{'): unknown {
    const bucket = this.bucket(endpoint, creds);
    for (let attempt = 0; ; attempt++) {
      const wait = this.waitMs(endpoint, creds);
      if (wait > 0) throw new WbError('rate', 429, 'local bucket', wait);
      this.rates.set(endpoint.id, consume(bucket, this.rates.get(endpoint.id), this.clock.now()));
      const response = this.send(endpoint, creds, parts);
      if (response.status === 204) return null;
      if (response.status === 200) return expect === '[' ? parseRowArray(response.body, 200) : parseObject(response.body, 200);
      const error = errorFromResponse(response.status, response.headers, response.body, response.failure);
      if (error.kind === 'rate') {
        const retry = error.retryAfterMs || bucket.intervalMs;
        this.rates.set(endpoint.id, refused(bucket, this.clock.now(), retry));
        throw new WbError('rate', 429, error.detail, retry);
      }
      if ((error.kind === 'server' || error.kind === 'network') && attempt < RETRIES && this.waitMs(endpoint, creds) <= BACKOFF_MS[attempt]) {
        this.clock.sleep(Math.max(BACKOFF_MS[attempt], this.waitMs(endpoint, creds)));
        continue;
      }
      throw error;
    }
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
      const id = 'ping:' + host;
      if (nextAllowedAt(PING_BUCKET, this.rates.get(id), now) > now) {
        results[host] = 'skipped';
        return false;
      }
      this.rates.set(id, consume(PING_BUCKET, this.rates.get(id), now));
      return true;
    });
    if (!due.length) return results;
    this.requestCount += due.length;
    const responses = this.http.fetchAll(due.map((host) => ({ url: pingUrl(host), method: 'get' as const, headers: { Authorization: key } })));
    due.forEach((host, i) => {
      const r = responses[i];
      if (r.status === 200) results[host] = 'ok';
      else if (r.status === 401 || r.status === 403) results[host] = /scope not allowed/i.test(r.body) ? 'scope' : 'refused';
      else results[host] = 'unreachable';
    });
    return results;
  }

  private send(endpoint: Endpoint, creds: Credentials, parts: RequestParts): HttpResponse {
    this.requestCount++;
    const hasBody = parts.body !== undefined;
    const [response] = this.http.fetchAll([
      {
        url: endpointUrl(endpoint, creds.info.sandbox, parts.query || {}, parts.pathParams || {}),
        method: endpoint.method,
        headers: { Authorization: creds.key, Accept: 'application/json' },
        // A string body is already JSON (the realization body carries a bare big integer).
        body: hasBody ? (typeof parts.body === 'string' ? parts.body : JSON.stringify(parts.body)) : undefined,
      },
    ]);
    return response;
  }
}
