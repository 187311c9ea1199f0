/** PropertiesService, CacheService, LockService, UrlFetchApp, Utilities, HtmlService, Session, Logger. */
import { FakeRequest, FakeResponse } from '../shared/http';
import { createRuntime, LOCK_TIMEOUT_MESSAGE } from './index';
import { PROPERTY_WRITE_MS } from './context';

describe('PropertiesService', () => {
  it('per-user, per-document and script stores; values coerced to strings', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      g.PropertiesService.getUserProperties().setProperty('k', 5);
      g.PropertiesService.getDocumentProperties().setProperties({ a: 1, b: true });
      g.PropertiesService.getScriptProperties().setProperty('s', 'x');
    });
    rt.run(() => g.PropertiesService.getUserProperties().setProperty('k', 'other'), { user: 'b@example.com' });
    expect(rt.userProperties()).toEqual({ k: '5' });
    expect(rt.userProperties('b@example.com')).toEqual({ k: 'other' });
    expect(rt.documentProperties()).toEqual({ a: '1', b: 'true' });
    expect(rt.scriptProperties()).toEqual({ s: 'x' });
    rt.run(() => {
      const p = g.PropertiesService.getDocumentProperties();
      expect(p.getProperty('missing')).toBeNull();
      expect(p.getKeys().sort()).toEqual(['a', 'b']);
      p.setProperties({ c: 'z' }, true);
      expect(p.getProperties()).toEqual({ c: 'z' });
      p.deleteProperty('c');
      expect(p.getProperties()).toEqual({});
    });
  });

  it('a write takes virtual time (a remote call), so whatever follows it happens later; a read is free', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const p = g.PropertiesService.getDocumentProperties();
      const t = rt.clock.now();
      p.setProperty('a', '1');
      expect(rt.clock.now() - t).toBe(PROPERTY_WRITE_MS);
      p.getProperty('a');
      p.getProperties();
      expect(rt.clock.now() - t).toBe(PROPERTY_WRITE_MS);
      p.setProperties({ b: '2' });
      p.deleteProperty('b');
      expect(rt.clock.now() - t).toBe(3 * PROPERTY_WRITE_MS);
    });
  });

  it('9 KB per value, 500 KB per store', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const p = g.PropertiesService.getDocumentProperties();
      p.setProperty('ok', 'x'.repeat(9216));
      expect(() => p.setProperty('big', 'x'.repeat(9217))).toThrow('Argument too large: value');
      expect(() => p.setProperty('big', 'я'.repeat(4609))).toThrow('Argument too large: value'); // 9218 bytes of UTF-8
      for (let i = 0; i < 55; i++) p.setProperty('k' + i, 'x'.repeat(9000));
      expect(() => p.setProperty('last', 'x'.repeat(9000))).toThrow(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
      expect(p.getProperty('last')).toBeNull();
    });
  });
});

describe('CacheService', () => {
  it('expires on the virtual clock; default 10 min, max 6 h', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const c = g.CacheService.getScriptCache();
      c.put('short', 'a');
      c.put('long', 'b', 86400);
      c.putAll({ x: '1', y: '2' }, 60);
      expect(c.getAll(['x', 'y', 'z'])).toEqual({ x: '1', y: '2' });
    });
    expect(rt.cacheDump().sort()).toEqual(['1', '2', 'a', 'b']);
    rt.clock.advance(61000);
    expect(rt.run(() => g.CacheService.getScriptCache().get('x'))).toBeNull();
    rt.clock.advance(600000);
    expect(rt.run(() => g.CacheService.getScriptCache().get('short'))).toBeNull();
    rt.clock.advance(6 * 3600000);
    expect(rt.cacheDump()).toEqual([]);
  });

  it('limits keys to 250 characters and values to 100 KB; user caches are per user', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.run(() => {
      const c = g.CacheService.getUserCache();
      expect(() => c.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
      expect(() => c.put('k', 'v'.repeat(102401))).toThrow('Argument too large: value');
      c.put('mine', 'secret');
      c.remove('nothing');
    });
    expect(rt.run(() => g.CacheService.getUserCache().get('mine'), { user: 'b@example.com' })).toBeNull();
    expect(rt.run(() => g.CacheService.getUserCache().get('mine'))).toBe('secret');
  });
});

describe('LockService', () => {
  it('a lock held by another execution: tryLock waits virtual time, then fails or succeeds', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    const t0 = rt.clock.now();
    rt.holdLock('document', t0 + 20000);
    rt.run(() => {
      const lock = g.LockService.getDocumentLock();
      expect(lock.tryLock(5000)).toBe(false);
      expect(rt.clock.now()).toBe(t0 + 5000);
      expect(lock.hasLock()).toBe(false);
      expect(() => lock.waitLock(1000)).toThrow(LOCK_TIMEOUT_MESSAGE);
      expect(lock.tryLock(30000)).toBe(true);
      expect(rt.clock.now()).toBe(t0 + 20000);
      expect(lock.hasLock()).toBe(true);
    });
    // run() released it
    rt.run(() => expect(g.LockService.getDocumentLock().tryLock(0)).toBe(true));
  });

  it('locks are per kind and the user lock per user', () => {
    const rt = createRuntime();
    const g = rt.globals as any;
    rt.holdLock('user', rt.clock.now() + 60000, 'b@example.com');
    rt.run(() => {
      expect(g.LockService.getUserLock().tryLock(0)).toBe(true);
      expect(g.LockService.getScriptLock().tryLock(0)).toBe(true);
      const l = g.LockService.getScriptLock();
      l.releaseLock();
      expect(l.hasLock()).toBe(false);
    });
    expect(rt.run(() => g.LockService.getUserLock().tryLock(0), { user: 'b@example.com' })).toBe(false);
  });
});

describe('UrlFetchApp', () => {
  const seen: FakeRequest[] = [];
  const rt = createRuntime({
    fetchHandler: (req): FakeResponse => {
      seen.push(req);
      if (req.url.includes('/fail')) return { status: 401, headers: {}, body: '{"title":"unauthorized","detail":"' + 'x'.repeat(300) + '"}' };
      if (req.url.includes('/dns')) throw new Error('DNS lookup failed');
      if (req.url.includes('/big')) return { status: 200, headers: {}, body: 'x'.repeat(2000) };
      if (req.url.includes('/redirect')) return { status: 302, headers: { Location: '/final' }, body: '' };
      return { status: 200, headers: { 'Content-Type': 'application/json', 'X-Ratelimit-Remaining': '0' }, body: '{"ok":true}' };
    },
  });
  const g = rt.globals as any;
  rt.spreadsheet; // keep the runtime alive

  it('passes method, headers, payload and Content-Type to the handler; returns an HTTPResponse', () => {
    const res = rt.run(() =>
      g.UrlFetchApp.fetch('https://statistics-api.wildberries.ru/api/v1/supplier/sales?dateFrom=2026-11-01', {
        method: 'post',
        headers: { Authorization: 'KEY' },
        payload: JSON.stringify({ a: 1 }),
        contentType: 'application/json',
      }),
    );
    expect(seen[0]).toEqual({
      url: 'https://statistics-api.wildberries.ru/api/v1/supplier/sales?dateFrom=2026-11-01',
      method: 'POST',
      headers: { Authorization: 'KEY', 'Content-Type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(rt.run(() => [res.getResponseCode(), res.getContentText(), res.getHeaders()['X-Ratelimit-Remaining']])).toEqual([200, '{"ok":true}', '0']);
    expect(rt.fetchLog[0]).toMatchObject({ method: 'POST', status: 200, payload: '{"a":1}' });
    expect(rt.stats.fetchCount).toBe(1);
  });

  it('object payloads are form-encoded', () => {
    rt.run(() => g.UrlFetchApp.fetch('https://x.wildberries.ru/form', { method: 'post', payload: { a: 'б', n: 2 } }));
    expect(seen[seen.length - 1].payload).toBe('a=%D0%B1&n=2');
    expect(seen[seen.length - 1].headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });

  it('status >= 400 throws Apps Script text unless muteHttpExceptions', () => {
    expect(() => rt.run(() => g.UrlFetchApp.fetch('https://statistics-api.wildberries.ru/fail?x=1'))).toThrow(
      'Request failed for https://statistics-api.wildberries.ru returned code 401. Truncated server response: {"title":"unauthorized","detail":"' +
        'x'.repeat(147 - 34) +
        '... (use muteHttpExceptions option to examine full response)',
    );
    const res = rt.run(() => g.UrlFetchApp.fetch('https://statistics-api.wildberries.ru/fail', { muteHttpExceptions: true }));
    expect(rt.run(() => res.getResponseCode())).toBe(401);
  });

  it('network failures, https only, URL length, response size', () => {
    expect(() => rt.run(() => g.UrlFetchApp.fetch('https://nowhere.example/dns'))).toThrow('DNS error: https://nowhere.example/dns');
    expect(() => rt.run(() => g.UrlFetchApp.fetch('http://statistics-api.wildberries.ru/'))).toThrow('Invalid argument: http://statistics-api.wildberries.ru/');
    expect(() => rt.run(() => g.UrlFetchApp.fetch('https://x.ru/?q=' + 'a'.repeat(2100)))).toThrow('Limit Exceeded: URLFetch URL Length.');
    const served: number[] = [];
    const small = createRuntime({ maxResponseBytes: 1000, fetchHandler: (_req, at) => (served.push(at), { status: 200, headers: {}, body: 'x'.repeat(1001) }) });
    const t = small.clock.now();
    expect(() => small.run(() => (small.globals as any).UrlFetchApp.fetch('https://x.ru/big'))).toThrow(/^Response too large/);
    // The server received and served it when it was sent; the answer took the request's time to come back.
    expect(served).toEqual([t]);
    expect(small.clock.now() - t).toBe(400);
  });

  it('follows redirects; fetchAll costs one latency for the batch', () => {
    const t = rt.clock.now();
    const res = rt.run(() => g.UrlFetchApp.fetchAll(['https://a.ru/1', { url: 'https://a.ru/redirect', method: 'get' }]));
    expect(rt.clock.now() - t).toBe(400);
    expect(rt.run(() => res.map((r: any) => r.getResponseCode()))).toEqual([200, 200]);
    expect(seen[seen.length - 1].url).toBe('https://a.ru/final');
  });

  it('20,000 calls a day per user', () => {
    const q = createRuntime({ urlFetchDailyQuota: 2, fetchHandler: () => ({ status: 200, headers: {}, body: '' }) });
    const u = (q.globals as any).UrlFetchApp;
    q.run(() => {
      u.fetch('https://a.ru/');
      u.fetch('https://a.ru/');
      expect(() => u.fetch('https://a.ru/')).toThrow('Service invoked too many times for one day: urlfetch.');
    });
    q.clock.advance(86400000);
    q.run(() => u.fetch('https://a.ru/'));
  });
});

describe('Utilities', () => {
  const rt = createRuntime();
  const U = (rt.globals as any).Utilities;

  it('formatDate with Java patterns and real time zones', () => {
    const d = new Date(Date.UTC(2026, 10, 27, 7, 5, 9, 42));
    rt.run(() => {
      expect(U.formatDate(d, 'Europe/Moscow', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-11-27T10:05:09.042+03:00');
      expect(U.formatDate(d, 'America/New_York', 'EEE, dd MMM yyyy HH:mm Z')).toBe('Fri, 27 Nov 2026 02:05 -0500');
      expect(U.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm:ss XXX z')).toBe('2026-11-27 07:05:09 Z UTC');
      expect(U.formatDate(d, 'Europe/Moscow', 'dd.MM.yy h:mm a z')).toBe('27.11.26 10:05 AM MSK');
      expect(U.formatDate(d, 'GMT+5', 'HH:mm')).toBe('12:05');
      expect(U.formatDate(d, 'No/Such_Zone', 'HH:mm')).toBe('07:05'); // Java falls back to GMT
      expect(() => U.formatDate('2026-11-27', 'UTC', 'yyyy')).toThrow("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
    });
  });

  it('base64 with signed bytes, blobs, digests, uuids', () => {
    rt.run(() => {
      expect(U.base64Encode('привет')).toBe(Buffer.from('привет').toString('base64'));
      expect(U.base64Decode('/w==')).toEqual([-1]);
      expect(U.base64EncodeWebSafe([-1, -2, -3])).toBe('__79');
      expect(U.base64DecodeWebSafe('__79')).toEqual([-1, -2, -3]);
      expect(() => U.base64Decode('***')).toThrow('Could not decode string.');
      const blob = U.newBlob(U.base64Decode(U.base64Encode('{"a":1}')), 'application/json', 'x.json');
      expect([blob.getDataAsString(), blob.getContentType(), blob.getName()]).toEqual(['{"a":1}', 'application/json', 'x.json']);
      const md5 = U.computeDigest(U.DigestAlgorithm.MD5, 'abc');
      expect(Buffer.from(md5.map((b: number) => b & 255)).toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
      expect(U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc').length).toBe(32);
      const a = U.getUuid();
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(U.getUuid()).not.toBe(a);
      expect(U.ungzip(U.gzip(U.newBlob('zip me'))).getDataAsString()).toBe('zip me');
    });
  });
});

describe('HtmlService, Session, Logger', () => {
  it('HTML outputs from files; missing files throw', () => {
    const rt = createRuntime({ htmlFiles: { Sidebar: '<b>x</b>', T: 'Hi <?= name ?>' } });
    const H = (rt.globals as any).HtmlService;
    rt.run(() => {
      const out = H.createHtmlOutputFromFile('Sidebar').setTitle('WB').setWidth(300).append('<i>y</i>');
      expect([out.getTitle(), out.getContent(), out.getWidth()]).toEqual(['WB', '<b>x</b><i>y</i>', 300]);
      expect(() => H.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
      const t = H.createTemplateFromFile('T');
      t.name = '<Ann>';
      expect(t.evaluate().getContent()).toBe('Hi &lt;Ann&gt;');
      expect(H.createHtmlOutput().setSandboxMode(H.SandboxMode.IFRAME).getContent()).toBe('');
    });
  });

  it('Session and logging', () => {
    const rt = createRuntime({ locale: 'en', user: 'ann@example.com' });
    const g = rt.globals as any;
    rt.run(() => {
      expect(g.Session.getActiveUserLocale()).toBe('en');
      expect(g.Session.getActiveUser().getEmail()).toBe('ann@example.com');
      expect(g.Session.getEffectiveUser().getEmail()).toBe('ann@example.com');
      expect(g.Session.getTemporaryActiveUserKey()).toBe(g.Session.getTemporaryActiveUserKey());
      g.Logger.log('rows: %s of %s', 5, 10);
      g.Logger.log({ a: 1 });
      g.console.log('sync', { ok: true });
      g.console.error('failed');
    });
    rt.setLocale('ru');
    expect(rt.run(() => g.Session.getActiveUserLocale())).toBe('ru');
    expect(rt.logs).toEqual(['rows: 5 of 10', '{"a":1}', 'sync {"ok":true}', 'failed']);
    expect(rt.logEntries[3].level).toBe('error');
  });
});
