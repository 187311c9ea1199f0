import { SAFETY_MS, consume, nextAllowedAt, rateHeaders, refused, spent } from '../../src/wb/rate-limit';
import { ENDPOINTS } from '../../src/wb/endpoints';

const MIN = 60000;

describe('token buckets', () => {
  it('sales with a Personal key: one request a minute, no burst', () => {
    const b = ENDPOINTS.sales.buckets.personal;
    let s = consume(b, undefined, 0);
    expect(nextAllowedAt(b, s, 0)).toBe(MIN);
    expect(nextAllowedAt(b, s, 30000)).toBe(MIN);
    s = consume(b, s, MIN);
    expect(nextAllowedAt(b, s, MIN)).toBe(2 * MIN);
  });
  it('orders with a Personal key: a burst of 10', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    let s = undefined as ReturnType<typeof consume> | undefined;
    for (let i = 0; i < 10; i++) {
      expect(nextAllowedAt(b, s, 0)).toBe(0);
      s = consume(b, s, 0);
    }
    expect(nextAllowedAt(b, s, 0)).toBe(MIN);
  });
  it('a Base key may fetch sales once in 2 hours and orders once in 3', () => {
    const sales = ENDPOINTS.sales.buckets.base;
    expect(nextAllowedAt(sales, consume(sales, undefined, 0), 0)).toBe(2 * 60 * MIN);
    const orders = ENDPOINTS.orders.buckets.base;
    expect(nextAllowedAt(orders, consume(orders, undefined, 0), 0)).toBe(3 * 60 * MIN);
  });
  it('honours a 429 retry delay, counted from when the answer arrived plus the margin', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    const s = refused(b, 1000, 58000);
    expect(nextAllowedAt(b, s, 1000)).toBe(1000 + SAFETY_MS + 58000);
    expect(nextAllowedAt(b, s, 59000)).toBe(1000 + SAFETY_MS + 58000);
  });
});

describe('a request is counted from when its answer arrived, with a margin', () => {
  it('the next sales request is due a minute and the margin after the answer, not after the send', () => {
    const b = ENDPOINTS.sales.buckets.personal;
    // Sent at 0, WB received it some time before 400, when the answer came back.
    const s = spent(b, undefined, 400);
    expect(nextAllowedAt(b, s, 400)).toBe(400 + SAFETY_MS + MIN);
    expect(nextAllowedAt(b, s, 400 + MIN)).toBe(400 + SAFETY_MS + MIN);
    expect(nextAllowedAt(b, s, 400 + SAFETY_MS + MIN)).toBe(400 + SAFETY_MS + MIN);
  });
  it('a burst stays a burst: the margin delays only the request that waits for a token', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    let s = undefined as ReturnType<typeof spent> | undefined;
    let t = 0;
    for (let i = 0; i < 10; i++) {
      expect(nextAllowedAt(b, s, t)).toBe(t);
      t += 400;
      s = spent(b, s, t);
    }
    // Ten spent: the first token is back a minute after the first was counted.
    expect(nextAllowedAt(b, s, t)).toBe(400 + SAFETY_MS + MIN);
  });
  it('believes WB when it says fewer requests remain than we count', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    const s = spent(b, undefined, 0, { remaining: 0, resetMs: null });
    expect(nextAllowedAt(b, s, 0)).toBe(SAFETY_MS + MIN);
    // More than we count changes nothing.
    expect(spent(b, undefined, 0, { remaining: 50, resetMs: null }).tokens).toBe(9);
  });
  it('a 429 with X-Ratelimit-Reset: the stricter of retry and reset is believed', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    // Reset 5 min for a bucket of 10: 5 tokens would be back, but retry says wait 10 s for one.
    let s = refused(b, 0, 10000, 5 * MIN);
    expect(nextAllowedAt(b, s, 0)).toBe(SAFETY_MS + 10000);
    // Retry 10 s, but reset says the bucket of 10 is full only in 10 min: the first token is back in a minute.
    s = refused(b, 0, 10000, 10 * MIN);
    expect(nextAllowedAt(b, s, 0)).toBe(SAFETY_MS + MIN);
  });
  it('reads X-Ratelimit-Remaining and X-Ratelimit-Reset in any case, and nothing else', () => {
    expect(rateHeaders({ 'x-ratelimit-remaining': '3', 'X-RATELIMIT-RESET': '42' })).toEqual({ remaining: 3, resetMs: 42000 });
    expect(rateHeaders({ 'X-Ratelimit-Remaining': 'lots' })).toEqual({ remaining: null, resetMs: null });
    expect(rateHeaders({})).toEqual({ remaining: null, resetMs: null });
  });
});
