/**
 * Sends WB requests within the rate buckets and turns answers into rows or typed
 * errors. The key goes only into the Authorization header of requests to WB hosts.
 */
import { Clock, Http, HttpResponse } from '../gas/types';
import { Endpoint, endpointUrl } from './endpoints';
import { WbError, errorFromResponse } from './errors';
import { parseRowArray } from './json';
import { BucketState, consume, nextAllowedAt, refused } from './rate-limit';
import { KeyInfo } from './token';

export interface Credentials {
  key: string;
  info: KeyInfo;
}

/** Where bucket states live between executions. */
export interface RateBook {
  get(endpointId: string): BucketState | undefined;
  set(endpointId: string, state: BucketState): void;
}

/** 5xx and network failures are retried this many times, with short backoff, then reported. */
const RETRIES = 2;
const BACKOFF_MS = [2000, 5000];

export class WbClient {
  /** Requests sent in this execution, for the run summary and benchmarks. */
  requestCount = 0;

  constructor(private readonly http: Http, private readonly clock: Clock, private readonly rates: RateBook) {}

  /** Milliseconds until the endpoint's bucket allows a request (0 = now). */
  waitMs(endpoint: Endpoint, creds: Credentials): number {
    const now = this.clock.now();
    return Math.max(0, nextAllowedAt(endpoint.buckets[creds.info.type], this.rates.get(endpoint.id), now) - now);
  }

  /** One page of rows. Throws WbError; never sends a request the bucket would refuse. */
  fetchRows(endpoint: Endpoint, creds: Credentials, query: Record<string, string>): Record<string, unknown>[] {
    const bucket = endpoint.buckets[creds.info.type];
    for (let attempt = 0; ; attempt++) {
      const wait = this.waitMs(endpoint, creds);
      if (wait > 0) throw new WbError('rate', 429, 'local bucket', wait);
      const now = this.clock.now();
      this.rates.set(endpoint.id, consume(bucket, this.rates.get(endpoint.id), now));
      const response = this.send(endpoint, creds, query);
      if (response.status === 200) return parseRowArray(response.body, 200);
      if (response.status === 204) return [];
      const error = errorFromResponse(response.status, response.headers, response.body, response.failure);
      if (error.kind === 'rate') {
        this.rates.set(endpoint.id, refused(bucket, this.clock.now(), error.retryAfterMs || bucket.intervalMs));
        throw new WbError('rate', 429, error.detail, error.retryAfterMs || bucket.intervalMs);
      }
      if ((error.kind === 'server' || error.kind === 'network') && attempt < RETRIES) {
        this.clock.sleep(BACKOFF_MS[attempt]);
        continue;
      }
      throw error;
    }
  }

  private send(endpoint: Endpoint, creds: Credentials, query: Record<string, string>): HttpResponse {
    this.requestCount++;
    const [response] = this.http.fetchAll([
      {
        url: endpointUrl(endpoint, creds.info.sandbox, query),
        method: endpoint.method,
        headers: { Authorization: creds.key, Accept: 'application/json' },
      },
    ]);
    return response;
  }
}
