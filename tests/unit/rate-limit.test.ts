import { consume, nextAllowedAt, refused } from '../../src/wb/rate-limit';
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
  it('honours a 429 retry delay exactly', () => {
    const b = ENDPOINTS.orders.buckets.personal;
    const s = refused(b, 1000, 58000);
    expect(nextAllowedAt(b, s, 1000)).toBe(59000);
    expect(nextAllowedAt(b, s, 59000)).toBe(59000);
  });
});
