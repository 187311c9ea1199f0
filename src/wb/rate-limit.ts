/**
 * Token buckets as WB describes them (Period / Limit / Interval / Burst). State is
 * plain data so the sync layer can persist it per document: the limits are per seller,
 * and one document holds one seller.
 */
import { Bucket } from './endpoints';

export interface BucketState {
  /** Tokens available at `at` (may be fractional). */
  tokens: number;
  at: number;
  /** A 429 told us not to call before this time. */
  blockedUntil?: number;
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
  const tokens = refill(bucket, state, now);
  const byTokens = tokens >= 1 ? now : now + Math.ceil((1 - tokens) * bucket.intervalMs);
  return Math.max(byTokens, state.blockedUntil || 0);
}

/** State after spending one token at `now`. */
export function consume(bucket: Bucket, state: BucketState | undefined, now: number): BucketState {
  const tokens = state ? refill(bucket, state, now) : bucket.burst;
  return { tokens: Math.max(0, tokens - 1), at: now, blockedUntil: state && state.blockedUntil && state.blockedUntil > now ? state.blockedUntil : undefined };
}

/** State after WB answered 429 with a retry delay: nothing is left until then. */
export function refused(bucket: Bucket, now: number, retryAfterMs: number): BucketState {
  // Exactly one token is back when the retry delay has passed.
  return { tokens: 1 - retryAfterMs / bucket.intervalMs, at: now, blockedUntil: now + retryAfterMs };
}
