import { readFileSync } from 'fs';
import {
  DETAIL_BAD_SIGNATURE,
  DETAIL_EXPIRED,
  DETAIL_MISSING,
  DETAIL_SCOPE,
  WbEmulator,
} from './index';
import { NOW, ORDERS, SALES, SANDBOX, STATS, call, json } from './helpers';

const sample401 = JSON.parse(readFileSync('/work/shared/wb-samples/error-401.json', 'utf8'));
const sampleScope = JSON.parse(readFileSync('/work/shared/wb-samples/error-401-scope.json', 'utf8'));
const q = { dateFrom: '2026-11-26' };

function expect401(r: ReturnType<typeof call>, detail: string, now: number) {
  expect(r.status).toBe(401);
  expect(r.headers['Content-Type']).toBe('application/problem+json');
  const b = json(r);
  expect(Object.keys(b)).toEqual(Object.keys(sample401));
  expect(b).toMatchObject({ title: 'unauthorized', detail, origin: 's2s-api-auth-catalog', status: 401, statusText: 'Unauthorized' });
  expect(b.timestamp).toBe(new Date(now).toISOString().slice(0, 19) + 'Z');
  expect(b.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(b.code).toMatch(/^07e4668e--[0-9a-f]{12}-\[UK-[A-Za-z0-9]{11}\]; 03bce=277; 84bd353bf-75$/);
  return b;
}

describe('401', () => {
  let em: WbEmulator;
  let key: string;
  beforeEach(() => {
    em = new WbEmulator({ seed: 5, now: NOW });
    key = em.makeKey();
  });

  test('missing Authorization header, empty, or "Bearer" alone', () => {
    expect401(call(em, { path: ORDERS, query: q, key: null }), DETAIL_MISSING, NOW);
    expect401(call(em, { path: ORDERS, query: q, key: '' }), DETAIL_MISSING, NOW);
    expect401(call(em, { path: ORDERS, query: q, key: 'Bearer ' }), DETAIL_MISSING, NOW);
    expect(DETAIL_MISSING).toBe('token problem; token is malformed: token contains an invalid number of segments');
  });

  test('garbage and undecodable keys: golang-jwt style details', () => {
    expect401(call(em, { path: ORDERS, query: q, key: 'not-a-key' }), 'token problem; token is malformed: token contains an invalid number of segments', NOW);
    expect401(call(em, { path: ORDERS, query: q, key: 'a.b.c' }), 'token problem; token is malformed: could not base64 decode header: illegal base64 data at input byte 0', NOW);
    const [h, p] = key.split('.');
    expect401(call(em, { path: ORDERS, query: q, key: `${h}.${p}x.sig` }), expect.stringMatching(/^token problem; token is malformed: could not (base64|JSON) decode claim: /) as unknown as string, NOW);
    expect401(call(em, { path: ORDERS, query: q, key: `${Buffer.from('hello').toString('base64url')}.${p}.abcd` }), "token problem; token is malformed: could not JSON decode header: invalid character 'h' looking for beginning of value", NOW);
  });

  test("a key cut short by one character gives WB's spec example word for word", () => {
    const cut = key.slice(0, -1); // signature 86 -> 85 chars
    const b = expect401(call(em, { path: ORDERS, query: q, key: cut }), sample401.detail, NOW);
    expect(b.detail).toBe('token problem; token is malformed: could not base64 decode signature: illegal base64 data at input byte 84');
  });

  test('an edited payload fails the signature check', () => {
    const [h, , s] = key.split('.');
    const claims = JSON.parse(Buffer.from(key.split('.')[1], 'base64url').toString());
    claims.acc = 4;
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect401(call(em, { path: ORDERS, query: q, key: forged }), DETAIL_BAD_SIGNATURE, NOW);
    const lax = new WbEmulator({ seed: 5, now: NOW, verifySignature: false });
    expect(call(lax, { path: ORDERS, query: q, key: forged }).status).toBe(200);
  });

  test('expired: exp <= now', () => {
    const k = em.makeKey({ expiresAt: NOW + 60_000 });
    expect(call(em, { path: ORDERS, query: q, key: k, now: NOW + 59_000 }).status).toBe(200);
    expect401(call(em, { path: SALES, query: q, key: k, now: NOW + 60_000 }), DETAIL_EXPIRED, NOW + 60_000);
    expect(DETAIL_EXPIRED).toBe('token problem; token is expired');
  });

  test('category missing for the host: token scope not allowed', () => {
    const analytics = em.makeKey({ categories: [2, 13] });
    const b = expect401(call(em, { path: ORDERS, query: q, key: analytics }), DETAIL_SCOPE, NOW);
    expect(b.detail).toBe(sampleScope.detail);
    expect(Object.keys(b)).toEqual(Object.keys(sampleScope));
  });

  test('raw key, "Bearer <key>", any header-name case, surrounding spaces', () => {
    expect(call(em, { path: ORDERS, query: q, key }).status).toBe(200);
    expect(call(em, { path: ORDERS, query: q, key: 'Bearer ' + key }).status).toBe(200);
    const r = em.handle({ url: `https://${STATS}/ping`, method: 'GET', headers: { authorization: `  bearer ${key} ` } }, NOW);
    expect(r.status).toBe(200);
  });

  test('every 401 has a fresh requestId', () => {
    const a = json(call(em, { path: ORDERS, query: q, key: 'x' }));
    const b = json(call(em, { path: ORDERS, query: q, key: 'x' }));
    expect(a.requestId).not.toBe(b.requestId);
  });
});

describe('sandbox host', () => {
  const em = new WbEmulator({ seed: 5, now: NOW });

  test('accepts only test keys; test keys fail on prod', () => {
    const test = em.makeKey({ type: 'test' });
    const personal = em.makeKey({ type: 'personal' });
    const r = call(em, { host: SANDBOX, path: ORDERS, query: q, key: test });
    expect(r.status).toBe(200);
    expect(json(r).length).toBeGreaterThan(0);
    expect401(call(em, { host: SANDBOX, path: ORDERS, query: q, key: personal }), DETAIL_SCOPE, NOW);
    expect401(call(em, { host: SANDBOX, path: '/ping', key: personal }), DETAIL_SCOPE, NOW);
    expect401(call(em, { host: STATS, path: SALES, query: q, key: test }), DETAIL_SCOPE, NOW);
    expect401(call(em, { host: STATS, path: '/ping', key: test }), DETAIL_SCOPE, NOW);
    expect(call(em, { host: SANDBOX, path: '/ping', key: test }).status).toBe(200);
  });

  test('a base key with the sandbox flag is a sandbox key', () => {
    const k = em.makeKey({ type: 'base', sandbox: true });
    expect(call(em, { host: SANDBOX, path: SALES, query: q, key: k }).status).toBe(200);
  });
});
