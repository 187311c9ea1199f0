/**
 * The realization's first page when the parallel batch it went out in fails as too
 * large (issue 10, section 2): Apps Script names no answer, so the page may be the
 * oversized one. It is never sent again as it was: the next request from the same
 * rrdId asks for half as many rows.
 */
import { Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { CredentialStore } from '../../src/sync/credentials';
import { SyncDeps, syncReports } from '../../src/sync/engine';
import { decodeKey } from '../../src/wb/token';
import { WbEmulator } from '../emulator';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;

it('a realization page in a batch refused as too large is asked again with half the rows, never as it was', () => {
  const clock = new FakeClock(START);
  const wb = new WbEmulator({ seed: 7, now: START, articles: 4, ordersPerDay: 6 });
  let failNextBatch = true;
  const detailed: string[] = [];
  const http: Http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      const at = clock.now();
      for (const r of requests) if (r.url.indexOf('/sales-reports/detailed') >= 0) detailed.push(String(r.body));
      const answers = requests.map((r) => wb.handle({ url: r.url, method: r.method.toUpperCase(), headers: { ...r.headers }, payload: r.body }, at));
      if (failNextBatch && requests.length > 1) {
        // As UrlFetchApp when one answer of a fetchAll is over 50 MB: the whole call fails.
        failNextBatch = false;
        return requests.map(() => ({ status: 0, headers: {}, body: '', failure: 'too_large' as const }));
      }
      return answers.map((a) => ({ status: a.status, headers: a.headers, body: a.body }));
    },
  };
  const doc = new MemoryStore();
  const credentials = new CredentialStore(new MemoryStore(), doc, 'doc');
  const key = wb.makeKey({ type: 'personal', categories: [5, 13] });
  credentials.save(key, decodeKey(key), START);
  const deps: SyncDeps = { gateway: new MemoryBook(), documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' };
  for (let i = 0; i < 4; i++) {
    syncReports(['orders', 'realization'], deps);
    clock.t += HOUR;
  }
  expect(failNextBatch).toBe(false);
  expect(detailed.length).toBeGreaterThan(2);
  // The refused first page went out once (later passes re-read other spans); the next
  // request asks from the same rrdId for half as many rows.
  expect(detailed.filter((b) => b === detailed[0])).toHaveLength(1);
  const first = JSON.parse(detailed[0].replace(/"rrdId":(\d+)/, '"rrdId":"$1"'));
  const second = JSON.parse(detailed[1].replace(/"rrdId":(\d+)/, '"rrdId":"$1"'));
  expect(second.rrdId).toBe(first.rrdId);
  expect(second.limit).toBeLessThanOrEqual(Math.floor(first.limit / 2));
  expect(second.limit).toBeGreaterThan(0);
  expect(wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
});
