import { Clock, Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { Credentials, RateBook, WbClient } from '../../src/wb/client';
import { ENDPOINTS } from '../../src/wb/endpoints';
import { BucketState } from '../../src/wb/rate-limit';
import { decodeKey } from '../../src/wb/token';
import { makeJwt, wbPayload } from './jwt-helper';

function setup(responses: HttpResponse[], acc = 3) {
  let now = 1_000_000;
  const sent: HttpRequest[] = [];
  const http: Http = { fetchAll: (reqs) => reqs.map((r) => { sent.push(r); return responses.shift() as HttpResponse; }) };
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
    expect(client.waitMs(ENDPOINTS.sales, creds)).toBe(60000);
    advance(60000);
    client.fetchRows(ENDPOINTS.sales, creds, { dateFrom: '2026-11-01' });
    expect(sent).toHaveLength(2);
  });

  it('a 429 blocks the endpoint for X-Ratelimit-Retry', () => {
    const { client, creds } = setup([{ status: 429, headers: { 'X-Ratelimit-Retry': '90' }, body: '{"title":"too many requests"}' }]);
    expect(() => client.fetchRows(ENDPOINTS.orders, creds, { dateFrom: '2026-11-01' })).toThrow(expect.objectContaining({ kind: 'rate', retryAfterMs: 90000 }));
    expect(client.waitMs(ENDPOINTS.orders, creds)).toBe(90000);
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
