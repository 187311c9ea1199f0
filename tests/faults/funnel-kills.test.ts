/**
 * The funnel across kills. Its days hold what WB showed when they were read, and a
 * killed refresh reads later than its clean twin, so instead of twin equality the
 * property is: after the kill and clean refreshes, every article has every day once,
 * each equal to WB's numbers at the moment of its last read, and the daily table's
 * funnel measures equal the sheet's rows.
 */
import { Harness, loadBundle } from '../bundle/harness';
import { DAY, MINUTE, Instrument, Kill, Side, runOp } from './lib';

/** A seller with 45 articles: three funnel requests a pass (20 articles each). */
function makeSide(seed: number): Side {
  const h = loadBundle({ emulator: { seed, articles: 45, ordersPerDay: 30 } });
  const ins = new Instrument(h);
  if (!h.run('saveKey', h.wb.makeKey({ type: 'personal', categories: [2] })).ok) throw new Error('key refused');
  return { h, ins, callsByOp: new Map() };
}

const PATH = '/api/analytics/v3/sales-funnel/products/history';

function funnelRows(h: Harness): Record<string, any>[] {
  const sheet = h.rt.spreadsheet.getSheetByName('WB Воронка');
  if (!sheet) return [];
  const values = h.rt.peek(() => sheet.getDataRange().getValues()) as any[][];
  const header = values[0].map(String);
  return values.slice(1).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
}

const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function lastReads(h: Harness): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of h.rt.fetchLog) {
    if (!r.url.includes(PATH) || !r.payload || r.status !== 200) continue;
    const body = JSON.parse(r.payload);
    for (let d = Date.parse(body.selectedPeriod.start); d <= Date.parse(body.selectedPeriod.end); d += DAY) {
      for (const nm of body.nmIds) out.set(nm + ' ' + new Date(d).toISOString().slice(0, 10), r.at);
    }
  }
  return out;
}

const killedAt: string[] = [];

function history(side: Side, kill: Kill | null, killDay: number): string | null {
  let outcome: string | null = null;
  for (let day = 0; day < 3; day++) {
    if (day) side.h.rt.clock.advance(DAY);
    const r = runOp(side, 'syncAllNow', [], day === killDay ? kill : null);
    if (day === killDay) {
      outcome = r.outcome;
      if (r.killedAt) killedAt.push(r.killedAt + ' (' + r.calls + ' calls)');
    }
    if (r.outcome === 'killed') {
      for (let i = 0; i < 2; i++) {
        side.h.rt.clock.advance(5 * MINUTE);
        runOp(side, 'syncAllNow');
      }
    }
  }
  return outcome;
}

function check(kill: Kill, killDay: number): void {
  const F = makeSide(71);
  const C = makeSide(71);
  history(C, null, -1);
  expect(history(F, kill, killDay)).toBe('killed');
  const f = funnelRows(F.h);
  const c = funnelRows(C.h);
  const keys = (rows: Record<string, any>[]) => rows.map((r) => r['Артикул WB'] + ' ' + iso(r['Дата']));
  expect(new Set(keys(f)).size).toBe(f.length);
  expect(new Set(keys(f))).toEqual(new Set(keys(c)));
  const reads = lastReads(F.h);
  for (const r of f) {
    const day = iso(r['Дата']);
    const truth = F.h.wb.funnelDay(r['Артикул WB'], day, reads.get(r['Артикул WB'] + ' ' + day)!);
    expect([r['Переходы в карточку'], r['Заказали, шт'], r['Выкупили, шт']]).toEqual([truth.openCount, truth.orderCount, truth.buyoutCount]);
  }
  // The daily table's funnel measures are the sheet's sums.
  const views = F.h.formula('WB_FUNNEL', '', '', '', 'views');
  expect(views).toBe(f.reduce((a, r) => a + r['Переходы в карточку'], 0));
  expect(F.h.formula('WB_FUNNEL', '', '', '', 'orders')).toBe(f.reduce((a, r) => a + r['Заказали, шт'], 0));
}

afterAll(() => console.log('funnel kills at:\n' + killedAt.join('\n')));

describe('funnel killed mid-refresh', () => {
  for (const killDay of [0, 1]) {
    for (const fraction of [0.1, 0.25, 0.4, 0.55]) {
      it(`day ${killDay}: killed at ${Math.round(fraction * 100)} % of the refresh, every day read once and equal to WB's numbers at its read`, () => {
        check({ kind: 'call', fraction }, killDay);
      }, 60000);
    }
    for (const nth of [2, 3, 4, 5]) {
      for (const after of [false, true]) {
        it(`day ${killDay}: killed ${after ? 'right after' : 'right before'} WB request ${nth}, the same holds`, () => {
          check({ kind: 'method', method: 'fetchAll', nth, after }, killDay);
        }, 60000);
      }
    }
  }
});
