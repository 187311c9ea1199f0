/**
 * Token buckets as WB describes them (Period / Limit / Interval / Burst). State is
 * plain data so the sync layer can persist it per document: the limits are per seller,
 * and one document holds one seller.
 *
 * WB counts a request from when it RECEIVES it, which we cannot see: somewhere between
 * the moment we send and the moment the answer is back. So a spent token is counted from
 * when the answer arrived, plus a safety margin for WB's clock and rounding; counted
 * from any earlier moment, the next request can reach WB just before its token is back.
 */
import { Bucket } from './endpoints';

export interface BucketState {
  /** Tokens available at `at` (may be fractional, or below 0 when WB said fewer remain). */
  tokens: number;
  /** Bucket time; may lie a little in the future (the safety margin of the last request). */
  at: number;
  /** A 429 told us not to call before this time. */
  blockedUntil?: number;
}

/** How much later than the answer's arrival a request is counted, to stay clear of WB's edge. */
export const SAFETY_MS = 1500;

/** What WB said about the bucket in an answer's X-Ratelimit-* headers (null: not said). */
export interface RateHeaders {
  /** X-Ratelimit-Remaining: requests left after this one. */
  remaining: number | null;
  /** X-Ratelimit-Reset: ms until the bucket is full again (counted here from the margin on). */
  resetMs: number | null;
}

export function fullBucket(bucket: Bucket, now: number): BucketState {
  return { tokens: bucket.burst, at: now };
}

function refill(bucket: Bucket, state: BucketState, now: number): number {
  const gained = Math.max(0, now - state.at) / bucket.intervalMs;
  return Math.min(bucket.burst, state.tokens + gained);
}

/** Earliest time a request may be sent (<= now means now). */
export function nextAllowedAt(bucket: Bucket, state: BucketState | undefined, now: number): number {
  if (!state) return now;
  // Tokens are counted from the bucket's own time when that is still ahead (the margin).
  const from = Math.max(now, state.at);
  const tokens = refill(bucket, state, from);
  // Float sums of fractions must not turn an exact wait into one more ms.
  const byTokens = tokens >= 1 - 1e-9 ? now : from + Math.ceil((1 - tokens) * bucket.intervalMs - 1e-6);
  return Math.max(byTokens, state.blockedUntil || 0);
}

/** State after spending one token at `at`. */
export function consume(bucket: Bucket, state: BucketState | undefined, at: number): BucketState {
  const from = state ? Math.max(at, state.at) : at;
  const tokens = state ? refill(bucket, state, from) : bucket.burst;
  const blocked = state && state.blockedUntil && state.blockedUntil > at ? state.blockedUntil : undefined;
  return blocked ? { tokens: tokens - 1, at: from, blockedUntil: blocked } : { tokens: tokens - 1, at: from };
}

/**
 * State after WB served a request (whatever became of its answer: an answer too large
 * for UrlFetchApp was served all the same) whose answer arrived at `answeredAt`. When WB
 * said how many requests remain, we never believe in more than that.
 */
export function spent(bucket: Bucket, state: BucketState | undefined, answeredAt: number, said: RateHeaders = NOTHING_SAID): BucketState {
  const next = consume(bucket, state, answeredAt + SAFETY_MS);
  if (said.remaining !== null && said.remaining < next.tokens) next.tokens = said.remaining;
  if (said.resetMs !== null) next.tokens = Math.min(next.tokens, bucket.burst - said.resetMs / bucket.intervalMs);
  return next;
}

const NOTHING_SAID: RateHeaders = { remaining: null, resetMs: null };

/**
 * State after WB answered 429 at `answeredAt` with a retry delay (and perhaps the time
 * until the bucket is full again): nothing is left until then, plus the safety margin.
 */
export function refused(bucket: Bucket, answeredAt: number, retryAfterMs: number, resetMs: number | null = null): BucketState {
  const at = answeredAt + SAFETY_MS;
  // Exactly one token is back when the retry delay has passed; the bucket is full at reset.
  const byRetry = 1 - retryAfterMs / bucket.intervalMs;
  const tokens = resetMs === null ? byRetry : Math.min(byRetry, bucket.burst - resetMs / bucket.intervalMs);
  return { tokens, at, blockedUntil: at + retryAfterMs };
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === wanted) return headers[k];
  return undefined;
}

function whole(headers: Record<string, string>, name: string): number | null {
  const v = headerValue(headers, name);
  return v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : null;
}

/** X-Ratelimit-Remaining and X-Ratelimit-Reset (seconds), when WB sent them. */
export function rateHeaders(headers: Record<string, string>): RateHeaders {
  const reset = whole(headers, 'X-Ratelimit-Reset');
  const remaining = whole(headers, 'X-Ratelimit-Remaining');
  return { remaining: remaining === null ? null : Math.floor(remaining), resetMs: reset === null ? null : Math.ceil(reset * 1000) };
}
