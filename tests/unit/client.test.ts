import { Clock, Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { Credentials, RateBook, WbClient } from '../../src/wb/client';
import { ENDPOINTS } from '../../src/wb/endpoints';
import { BucketState, SAFETY_MS } from '../../src/wb/rate-limit';
import { decodeKey } from '../../src/wb/token';
import { makeJwt, wbPayload } from './jwt-helper';

/** `latencyMs`: how long each fetchAll takes, as UrlFetchApp does. */
function setup(responses: HttpResponse[], acc = 3, latencyMs = 0) {
  let now = 1_000_000;
  const sent: HttpRequest[] = [];
  const http: Http = {
    fetchAll: (reqs) => {
      now += latencyMs;
      return reqs.map((r) => { sent.push(r); return responses.shift() as HttpResponse; });
    },
  };
  const clock: Clock = { now: () => now, sleep: (ms) => { now += ms; } };
  const states: Record<string, BucketState> = {};
  const rates: RateBook = { get: (id) => states[id], set: (id, s) => { states[id] = s; } };
  const key = makeJwt(wbPayload({ acc }));
  const creds: Credentials = { key, info: decodeKey(key) };
  return { client: new WbClient(http, clock, rates), sent, creds, advance: (ms: number) => { now += ms; } };
}

const ok = (body: string): HttpResponse => ({ status: 200, headers: {}, body });

describe('WbClient', () => {
  it('sends the raw key in Authorization to the statistics host with the query', () => {
    const { client, sent, creds } = setup([ok('[]')]);
    expect(client.fetchRows(ENDPOINTS.sales, creds, { dateFrom: '2026-11-01T10:00:00', flag: '0' })).toEqual([]);
    expect(sent[0].url).toBe('https://statistics-api.wildberries.ru/api/v1/supplier/sales?dateFrom=2026-11-01T10%3A00%3A00&flag=0');
    expect(sent[0].headers.Authorization).toBe(creds.key);
  });

  it('goes to the sandbox host with a test key', () => {
    const { client, sent, creds } = setup([ok('[]')], 2);
    client.fetchRows(ENDPOINTS.orders, { ...creds, info: { ...creds.info, sandbox: true } }, { dateFrom: '2026-11-01' });
    expect(sent[0].url.startsWith('https://statistics-api-sandbox.wildberries.ru/')).toBe(true);
  });

  it('never sends a request its bucket would refuse', () => {
    const { client, sent, creds, advance } = setup([ok('[]'), ok('[]')]);
    client.fetchRows(ENDPOINTS.sales, creds, { dateFrom: '2026-11-01' });
    expect(() => client.fetchRows(ENDPOINTS.sales, creds, { dateFrom: '2026-11-01' })).toThrow(expect.objectContaining({ kind: 'rate' }));
    expect(sent).toHaveLength(1);
    expect(client.waitMs(ENDPOINTS.sales, creds)).toBe(60000 + SAFETY_MS);
    advance(60000 + SAFETY_MS);
    client.fetchRows(ENDPOINTS.sales, creds, { dateFrom: '2026-11-01' });
    expect(sent).toHaveLength(2);
  });

  it('a 429 blocks the endpoint for X-Ratelimit-Retry', () => {
    const { client, creds } = setup([{ status: 429, headers: { 'X-Ratelimit-Retry': '90' }, body: '{"title":"too many requests"}' }]);
    expect(() => client.fetchRows(ENDPOINTS.orders, creds, { dateFrom: '2026-11-01' })).toThrow(expect.objectContaining({ kind: 'rate', retryAfterMs: 90000 + SAFETY_MS }));
    expect(client.waitMs(ENDPOINTS.orders, creds)).toBe(90000 + SAFETY_MS);
  });

  it('retries 5xx and network failures twice, then reports', () => {
    const { client, sent, creds } = setup([
      { status: 502, headers: {}, body: '<html>' },
      { status: 0, headers: {}, body: '', failure: 'network' },
      { status: 503, headers: {}, body: '' },
    ]);
    expect(() => client.fetchRows(ENDPOINTS.orders, creds, { dateFrom: '2026-11-01' })).toThrow(expect.objectContaining({ kind: 'server' }));
    expect(sent).toHaveLength(3);
  });

  it('an empty 204 is an empty page', () => {
    const { client, creds } = setup([{ status: 204, headers: {}, body: '' }]);
    expect(client.fetchRows(ENDPOINTS.orders, creds, { dateFrom: '2026-11-01' })).toEqual([]);
  });
});

describe('WbClient counts what WB counts', () => {
  const ask = (client: WbClient, creds: Credentials, endpoint = ENDPOINTS.sales) => client.fetchRows(endpoint, creds, { dateFrom: '2026-11-01' });

  it('a request is counted from when its answer arrived, not from before it went out', () => {
    // WB received it somewhere in the 400 ms the request took: the next one waits a minute after the answer.
    const { client, creds } = setup([ok('[]')], 3, 400);
    ask(client, creds);
    expect(client.waitMs(ENDPOINTS.sales, creds)).toBe(60000 + SAFETY_MS);
  });

  it('an answer too large for UrlFetchApp still spent its token: WB served it', () => {
    const { client, creds, advance } = setup([{ status: 0, headers: {}, body: '', failure: 'too_large' }], 3, 400);
    expect(() => ask(client, creds)).toThrow(expect.objectContaining({ kind: 'too_large' }));
    expect(client.requestCount).toBe(1);
    advance(60000);
    expect(client.waitMs(ENDPOINTS.sales, creds)).toBe(SAFETY_MS);
  });

  it('after ten oversized or served orders requests the eleventh waits for a token', () => {
    const big: HttpResponse = { status: 0, headers: {}, body: '', failure: 'too_large' };
    const { client, creds, sent } = setup([big, big, ...Array.from({ length: 9 }, () => ok('[]'))], 3, 400);
    for (let i = 0; i < 2; i++) expect(() => ask(client, creds, ENDPOINTS.orders)).toThrow(expect.objectContaining({ kind: 'too_large' }));
    for (let i = 0; i < 8; i++) ask(client, creds, ENDPOINTS.orders);
    expect(() => ask(client, creds, ENDPOINTS.orders)).toThrow(expect.objectContaining({ kind: 'rate' }));
    expect(sent).toHaveLength(10);
  });

  it('believes X-Ratelimit-Remaining when WB says fewer requests are left than we count', () => {
    const { client, creds } = setup([{ status: 200, headers: { 'X-Ratelimit-Remaining': '0' }, body: '[]' }], 3, 400);
    ask(client, creds, ENDPOINTS.orders);
    // Our own count would leave 9 of the burst of 10; WB says none.
    expect(client.waitMs(ENDPOINTS.orders, creds)).toBe(60000 + SAFETY_MS);
  });

  it('a 429 with X-Ratelimit-Reset: when reset says the bucket is empty, a short retry does not refill it', () => {
    const { client, creds, advance } = setup([{ status: 429, headers: { 'X-Ratelimit-Retry': '10', 'X-Ratelimit-Reset': '600' }, body: '{"title":"too many requests"}' }], 3, 400);
    expect(() => ask(client, creds, ENDPOINTS.orders)).toThrow(expect.objectContaining({ kind: 'rate', retryAfterMs: 60000 + SAFETY_MS }));
    advance(10000 + SAFETY_MS);
    // The bucket of 10 is full in 600 s: the first token is back a minute after the refusal, not in 10 s.
    expect(client.waitMs(ENDPOINTS.orders, creds)).toBe(50000);
  });

  it('a request is counted before it goes out: an execution killed while it is on its way has not forgotten it', () => {
    let now = 1_000_000;
    const states: Record<string, BucketState> = {};
    const rates: RateBook = { get: (id) => states[id], set: (id, st) => { states[id] = st; } };
    const clock: Clock = { now: () => now, sleep: (ms) => { now += ms; } };
    const key = makeJwt(wbPayload({ acc: 3 }));
    const creds: Credentials = { key, info: decodeKey(key) };
    const killed: Http = { fetchAll: () => { now += 400; throw new Error('Exceeded maximum execution time'); } };
    expect(() => ask(new WbClient(killed, clock, rates), creds)).toThrow('Exceeded maximum execution time');
    // The next execution reads the same buckets: WB may well have received that request.
    expect(new WbClient(killed, clock, rates).waitMs(ENDPOINTS.sales, creds)).toBeGreaterThanOrEqual(60000 - 400);
  });
});
