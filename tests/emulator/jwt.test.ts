import { WbEmulator, decodeClaims } from './index';
import { goRawUrlDecode } from './jwt';
import { DAY } from './time';
import { NOW } from './helpers';

describe('keys (JWT)', () => {
  const em = new WbEmulator({ seed: 3, now: NOW });

  test('three base64url parts, ES256 header, ~86-char signature', () => {
    const key = em.makeKey();
    const parts = key.split('.');
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(parts[0], 'base64url').toString())).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });
    expect(parts[2]).toHaveLength(86);
  });

  test('claims as documented: exp (s), id, sid, oid, uid, iid, ent, t, acc, s bitmask', () => {
    const c = decodeClaims(em.makeKey());
    expect(Object.keys(c).sort()).toEqual(['acc', 'ent', 'exp', 'id', 'iid', 'oid', 's', 'sid', 't', 'uid']);
    expect(c.acc).toBe(3); // personal by default
    expect(c.s).toBe(1 << 5); // Statistics
    expect(c.t).toBe(false);
    expect(c.exp).toBe(Math.floor((NOW + 180 * DAY) / 1000));
    expect(c.sid).toBe(em.seller.sid);
    expect(c.sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.oid).toBe(em.seller.oid);
    expect(Number.isInteger(c.uid) && Number.isInteger(c.iid)).toBe(true);
    expect(c.ent).toBe(1);
  });

  test('types map to acc 1..4; test keys are sandbox keys', () => {
    expect(decodeClaims(em.makeKey({ type: 'base' })).acc).toBe(1);
    expect(decodeClaims(em.makeKey({ type: 'test' }))).toMatchObject({ acc: 2, t: true });
    expect(decodeClaims(em.makeKey({ type: 'personal' })).acc).toBe(3);
    expect(decodeClaims(em.makeKey({ type: 'service' })).acc).toBe(4);
    expect(decodeClaims(em.makeKey({ type: 'test', sandbox: false })).t).toBe(false);
  });

  test('categories, read-only bit 30, expiry, seller overrides', () => {
    const c = decodeClaims(em.makeKey({ categories: [2, 5, 13], readOnly: true, expiresAt: NOW + 1000 * 3600, sellerId: 'x', oid: 7 }));
    expect(c.s).toBe(2 ** 2 + 2 ** 5 + 2 ** 13 + 2 ** 30);
    expect(c.exp).toBe(Math.floor(NOW / 1000) + 3600);
    expect(c.sid).toBe('x');
    expect(c.oid).toBe(7);
  });

  test('each key has its own id; same seed gives the same keys', () => {
    const a = new WbEmulator({ seed: 9, now: NOW });
    const b = new WbEmulator({ seed: 9, now: NOW });
    const a1 = a.makeKey();
    expect(a1).toBe(b.makeKey());
    expect(decodeClaims(a.makeKey()).id).not.toBe(decodeClaims(a1).id);
  });

  test("Go's RawURLEncoding errors (as in WB's 401 example)", () => {
    expect(goRawUrlDecode('A'.repeat(85))).toEqual({ ok: false, at: 84 });
    expect(goRawUrlDecode('ab=c')).toEqual({ ok: false, at: 2 });
    expect(goRawUrlDecode('ab+c')).toEqual({ ok: false, at: 2 });
    const ok = goRawUrlDecode(Buffer.from('hello!').toString('base64url'));
    expect(ok.ok && ok.bytes.toString()).toBe('hello!');
  });
});
