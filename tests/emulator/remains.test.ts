import { readFileSync } from 'fs';
import {
  DETAIL_BAD_LOCALE,
  DETAIL_TASK_NOT_DONE,
  IN_WAY_FROM_CLIENT,
  IN_WAY_TO_CLIENT,
  LIMITS,
  TASK_DONE_MAX_MS,
  TASK_DONE_MIN_MS,
  TASK_PURGE_AFTER_MS,
  TOTAL_ON_WAREHOUSES,
  WAREHOUSE_NAMES_EN,
  WbEmulator,
} from './index';
import { ANALYTICS, NOW, REMAINS, call, json } from './helpers';
import { HOUR, MINUTE } from './time';

const sampleDownload = JSON.parse(readFileSync('/work/shared/wb-samples/warehouse-remains-download.json', 'utf8'));
const sampleCreate = JSON.parse(readFileSync('/work/shared/wb-samples/warehouse-remains-create.json', 'utf8'));
const sampleStatus = JSON.parse(readFileSync('/work/shared/wb-samples/warehouse-remains-status.json', 'utf8'));
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ADDON_QUERY = { groupBySa: 'true', groupByNm: 'true', groupByBarcode: 'true', groupBySize: 'true' };

const statusPath = (id: string) => `${REMAINS}/tasks/${id}/status`;
const downloadPath = (id: string) => `${REMAINS}/tasks/${id}/download`;

function analytics(em: WbEmulator, key: string) {
  return {
    create: (query: Record<string, string> = ADDON_QUERY, now = em.now) => call(em, { host: ANALYTICS, path: REMAINS, query, key, now }),
    status: (id: string, now = em.now) => call(em, { host: ANALYTICS, path: statusPath(id), key, now }),
    download: (id: string, now = em.now) => call(em, { host: ANALYTICS, path: downloadPath(id), key, now }),
  };
}

describe('warehouse_remains: task lifecycle', () => {
  test('create -> new -> processing -> done (20-90 s) -> purged (3 h after done); download only when done', () => {
    const em = new WbEmulator({ seed: 21, now: NOW });
    const key = em.makeKey({ categories: [2] });
    const api = analytics(em, key);
    const c = api.create();
    expect(c.status).toBe(200);
    expect(c.headers['Content-Type']).toBe('application/json; charset=utf-8');
    const body = json(c);
    expect(Object.keys(body)).toEqual(Object.keys(sampleCreate));
    expect(Object.keys(body.data)).toEqual(['taskId']);
    const id = body.data.taskId;
    expect(id).toMatch(UUID_RE);
    const task = em.remainsTask(id)!;
    expect(task.createdAt).toBe(NOW);
    expect(task.doneAt - NOW).toBeGreaterThanOrEqual(TASK_DONE_MIN_MS);
    expect(task.doneAt - NOW).toBeLessThanOrEqual(TASK_DONE_MAX_MS);
    expect(task.purgedAt).toBe(task.doneAt + TASK_PURGE_AFTER_MS);

    const st = (t: number) => json(api.status(id, t));
    const s0 = st(NOW);
    expect(Object.keys(s0)).toEqual(Object.keys(sampleStatus));
    expect(s0).toEqual({ data: { id, status: 'new' } });
    expect(st(NOW + 3_000).data.status).toBe('processing');
    // not done yet: 400 with the emulator's problem body (the spec is silent)
    const early = api.download(id, NOW + 5_000);
    expect(early.status).toBe(400);
    expect(early.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(json(early))).toEqual(['detail', 'origin', 'requestId', 'title']);
    expect(json(early)).toMatchObject({ detail: DETAIL_TASK_NOT_DONE, origin: 'api-statistics', title: 'Bad Request' });
    expect(json(early).requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(st(task.doneAt - 1000).data.status).toBe('processing');
    expect(st(task.doneAt).data.status).toBe('done');
    const d = api.download(id, task.doneAt + MINUTE);
    expect(d.status).toBe(200);
    expect(JSON.parse(d.body).length).toBeGreaterThan(10);
    // the same report again after a minute; purged 3 h after done
    expect(api.download(id, task.doneAt + 2 * MINUTE).body).toBe(d.body);
    expect(st(task.purgedAt - 1000).data.status).toBe('done');
    expect(st(task.purgedAt).data.status).toBe('purged');
    expect(api.download(id, task.purgedAt + MINUTE).status).toBe(400);
  });

  test('the report: per barcode and size with volume, pseudo-warehouses first, matching the truth', () => {
    const em = new WbEmulator({ seed: 22, now: NOW });
    const api = analytics(em, em.makeKey({ categories: [2] }));
    const id = json(api.create()).data.taskId;
    const truth = em.stockSnapshot();
    const transit = new Map(em.inTransit().map((t) => [t.barcode, t]));
    const done = em.remainsTask(id)!.doneAt;
    em.advanceTo(done + 2 * HOUR); // the report stays the stock at creation
    expect(em.stockSnapshot()).not.toEqual(truth);
    const items = json(api.download(id, done + 2 * HOUR));
    const shape = (x: any) => Object.keys(x).map((k) => `${k}:${typeof x[k]}`).join(',');
    for (const it of items) {
      expect(shape(it)).toBe(shape(sampleDownload[0]));
      expect(it.warehouses.slice(0, 3).map((w: any) => w.warehouseName)).toEqual([IN_WAY_TO_CLIENT, IN_WAY_FROM_CLIENT, TOTAL_ON_WAREHOUSES]);
      const real = it.warehouses.slice(3);
      for (const w of real) {
        expect(w.quantity).toBeGreaterThan(0);
        expect(Object.keys(w)).toEqual(['warehouseName', 'quantity']);
      }
      expect(it.warehouses[2].quantity).toBe(real.reduce((a: number, w: any) => a + w.quantity, 0));
      const mine = truth.filter((r) => r.barcode === it.barcode);
      expect(real.map((w: any) => [w.warehouseName, w.quantity]).sort()).toEqual(mine.map((r) => [r.warehouseName, r.quantity]).sort());
      for (const r of mine) expect([r.vendorCode, r.nmId, r.techSize]).toEqual([it.vendorCode, it.nmId, it.techSize]);
      const tr = transit.get(it.barcode) ?? { toClient: 0, fromClient: 0 };
      expect([it.warehouses[0].quantity, it.warehouses[1].quantity]).toEqual([tr.toClient, tr.fromClient]);
    }
    expect(new Set(items.map((i: any) => i.barcode)).size).toBe(items.length);
    expect(new Set(items.map((i: any) => i.barcode))).toEqual(new Set(truth.map((r) => r.barcode)));
    expect(items.some((i: any) => i.warehouses[0].quantity > 0)).toBe(true);
    expect(items.some((i: any) => i.warehouses[1].quantity > 0)).toBe(true);
    expect(items.every((i: any) => i.warehouses.every((w: any) => w.warehouseName !== 'Мой склад Люберцы'))).toBe(true);
  });

  test('grouping flags: no flags = one total item; groupByBrand; no volume without groupByNm; filters', () => {
    const em = new WbEmulator({ seed: 23, now: NOW });
    const key = em.makeKey({ categories: [2] });
    const api = analytics(em, key);
    const total = em.stockSnapshot().reduce((a, r) => a + r.quantity, 0);
    const get = (query: Record<string, string>, i: number) => {
      const t = NOW + i * 2 * MINUTE;
      const id = json(api.create(query, t)).data.taskId;
      return api.download(id, t + TASK_DONE_MAX_MS);
    };
    const all = json(get({}, 0));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ brand: '', subjectName: '', vendorCode: '', nmId: 0, barcode: '', techSize: '' });
    expect(all[0].volume).toBeUndefined();
    expect(all[0].warehouses[2]).toEqual({ warehouseName: TOTAL_ON_WAREHOUSES, quantity: total });
    const brands = json(get({ groupByBrand: 'true' }, 1));
    expect(brands.length).toBe(new Set(em.seller.products.map((p) => p.brand)).size);
    expect(brands.reduce((a: number, b: any) => a + b.warehouses[2].quantity, 0)).toBe(total);
    const big = json(get({ groupByNm: '1', filterVolume: '3' }, 2));
    expect(big.every((i: any) => i.volume > 3 && i.nmId > 0)).toBe(true);
    const noPics = get({ filterPics: '-1' }, 3);
    expect([noPics.status, noPics.body]).toEqual([204, '']);
  });

  test('204 for a seller with no stock; a task belongs to its seller; unknown and malformed ids', () => {
    const em = new WbEmulator({ seed: 24, now: NOW });
    const other = analytics(em, em.makeKey({ categories: [2], sellerId: '0b7c1d1e-1111-4222-8333-444455556666' }));
    const mine = analytics(em, em.makeKey({ categories: [2] }));
    const id = json(other.create(ADDON_QUERY, NOW)).data.taskId;
    const empty = other.download(id, NOW + TASK_DONE_MAX_MS);
    expect(empty.status).toBe(204);
    expect(empty.body).toBe('');
    expect(empty.headers['Content-Type']).toBeUndefined();
    // the emulated seller cannot see another seller's task
    const nf = mine.status(id, NOW + TASK_DONE_MAX_MS);
    expect(nf.status).toBe(404);
    expect(nf.headers['Content-Type']).toBe('application/problem+json');
    expect(json(nf)).toEqual({ detail: 'not found', origin: 'api-statistics', requestId: expect.stringMatching(/^[0-9a-f]{32}$/), title: 'Not Found' });
    expect(mine.download('6a1f2b3c-4d5e-4f60-8a7b-8c9d0e1f2a3b', NOW + 2 * TASK_DONE_MAX_MS).status).toBe(404);
    const bad = mine.status('2f071556-ae39-492f-fd8cf1eb0d25', NOW + 2 * TASK_DONE_MAX_MS);
    expect(bad.status).toBe(400);
    expect(json(bad).detail).toBe("Invalid format for parameter task_id: error unmarshaling '2f071556-ae39-492f-fd8cf1eb0d25' text as *uuid.UUID: invalid UUID length: 31");
    expect(json(mine.download('7b8875---9f03-46f1-af21-b9b4b22fe821', NOW + 3 * TASK_DONE_MAX_MS)).detail).toMatch(/invalid UUID format$/);
    // upper case ids are the same task
    expect(json(other.status(id.toUpperCase(), NOW + 3 * TASK_DONE_MAX_MS)).data).toEqual({ id, status: 'done' });
    const badFlag = mine.create({ groupByNm: '' }, NOW + HOUR);
    expect([badFlag.status, json(badFlag).detail]).toEqual([400, 'parameter "groupByNm" in query has an error: empty value is not allowed']);
  });

  test('locale names the warehouses: ru by default, English for en and zh; anything else is 400 without spending the bucket', () => {
    const em = new WbEmulator({ seed: 28, now: NOW });
    const api = analytics(em, em.makeKey({ categories: [2] }));
    const report = (locale: string | null, i: number) => {
      const t = NOW + i * 2 * MINUTE;
      const id = json(api.create(locale === null ? ADDON_QUERY : { ...ADDON_QUERY, locale }, t)).data.taskId;
      return json(api.download(id, t + TASK_DONE_MAX_MS));
    };
    const names = (items: any[]) => items.map((i) => i.warehouses.map((w: any) => w.warehouseName));
    const ru = report(null, 0);
    expect(report('ru', 1)).toEqual(ru);
    const en = report('en', 2);
    const pseudoEn = [IN_WAY_TO_CLIENT, IN_WAY_FROM_CLIENT, TOTAL_ON_WAREHOUSES].map((n) => WAREHOUSE_NAMES_EN[n]);
    for (const item of en) expect(item.warehouses.slice(0, 3).map((w: any) => w.warehouseName)).toEqual(pseudoEn);
    // Same figures, every name translated (none left in Cyrillic), real warehouses included.
    expect(names(en)).toEqual(names(ru).map((l: string[]) => l.map((n) => WAREHOUSE_NAMES_EN[n])));
    expect(JSON.stringify(names(en))).not.toMatch(/[А-Яа-яЁё]/);
    expect(en.map((i: any) => i.warehouses.map((w: any) => w.quantity))).toEqual(ru.map((i: any) => i.warehouses.map((w: any) => w.quantity)));
    expect(names(report('zh', 3))).toEqual(names(en));
    for (const bad of ['de', 'RU', '']) {
      const r = api.create({ ...ADDON_QUERY, locale: bad }, NOW + 10 * MINUTE);
      expect([r.status, json(r).detail]).toEqual([400, bad === '' ? 'parameter "locale" in query has an error: empty value is not allowed' : DETAIL_BAD_LOCALE]);
    }
    // Refused values spent nothing: the burst of 5 is still whole.
    for (let i = 0; i < 5; i++) expect(api.create(ADDON_QUERY, NOW + 10 * MINUTE).status).toBe(200);
  });

  test('scope: a Statistics-only key gets 401 token scope not allowed', () => {
    const em = new WbEmulator({ seed: 25, now: NOW });
    for (const path of [REMAINS, statusPath('6a1f2b3c-4d5e-4f60-8a7b-8c9d0e1f2a3b'), downloadPath('x'), '/ping']) {
      const r = call(em, { host: ANALYTICS, path, key: em.makeKey() });
      expect([path, r.status, json(r).detail]).toEqual([path, 401, 'token scope not allowed']);
    }
  });
});

describe('warehouse_remains: limits', () => {
  test('the table of 12-reports.yaml', () => {
    expect(LIMITS.remainsCreate).toEqual({ base: { intervalMs: 15 * MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 5 } });
    expect(LIMITS.remainsStatus).toEqual({ base: { intervalMs: 15 * MINUTE, burst: 1 }, standard: { intervalMs: 5_000, burst: 5 } });
    expect(LIMITS.remainsDownload).toEqual({ base: { intervalMs: 15 * MINUTE, burst: 1 }, standard: { intervalMs: MINUTE, burst: 1 } });
  });

  test('Personal: create burst 5 then 1/min; status burst 5 then 1 per 5 s; download 1/min', () => {
    const em = new WbEmulator({ seed: 26, now: NOW });
    const api = analytics(em, em.makeKey({ categories: [2] }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(json(api.create(ADDON_QUERY, NOW)).data.taskId);
    const r = api.create(ADDON_QUERY, NOW);
    expect(r.status).toBe(429);
    expect(r.headers['X-Ratelimit-Retry']).toBe('60');
    expect(api.create(ADDON_QUERY, NOW + MINUTE).status).toBe(200);
    for (let i = 0; i < 5; i++) expect(api.status(ids[0], NOW + MINUTE).status).toBe(200);
    expect(api.status(ids[0], NOW + MINUTE).status).toBe(429);
    expect(api.status(ids[0], NOW + MINUTE + 5_000).status).toBe(200);
    const t = NOW + 2 * MINUTE;
    expect(api.download(ids[0], t).status).toBe(200);
    expect(api.download(ids[1], t + 1_000).status).toBe(429);
    expect(api.download(ids[1], t + MINUTE).status).toBe(200);
  });

  test('Base: 4 per hour (one per 15 min) for create', () => {
    const em = new WbEmulator({ seed: 27, now: NOW });
    const api = analytics(em, em.makeKey({ categories: [2], type: 'base' }));
    expect(api.create(ADDON_QUERY, NOW).status).toBe(200);
    const r = api.create(ADDON_QUERY, NOW + MINUTE);
    expect([r.status, r.headers['X-Ratelimit-Retry']]).toEqual([429, String(14 * 60)]);
    expect(api.create(ADDON_QUERY, NOW + 15 * MINUTE).status).toBe(200);
  });
});
