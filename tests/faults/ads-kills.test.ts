/**
 * The ads refresh killed at its state-changing calls (a WB request, a sheet write, a
 * flush, a property...), right before or right after, on the first load and on a later
 * refresh: after the same clean refreshes the killed document equals its clean twin —
 * no campaign day lost or doubled in WB Реклама, the charges sheet or the daily table.
 */
import { MUTATING, Op, Side, compareDaily, makeSide, runOp } from './lib';

const HOUR = 3600000;
const SEED = 11;
const ADS = 'syncAdsNow' as Op;

function sheetRows(side: Side, name: string): string[] {
  const sheet = side.h.rt.spreadsheet.getSheetByName(name);
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues();
  const header = values[0].map(String);
  const order = header.map((_h: string, i: number) => i).sort((a: number, b: number) => (header[a] < header[b] ? -1 : 1));
  return values
    .slice(1)
    .map((r: any[]) => order.map((i: number) => header[i] + '=' + (r[i] instanceof Date ? r[i].toISOString() : String(r[i]))).join('\t'))
    .sort();
}

interface Played {
  side: Side;
  trace: string[];
  times: number[];
}

interface Plan {
  op: Op;
  categories: number[];
  sheets: string[];
  /** gaps before the clean refreshes after the killed one */
  finals: number[];
}

const ADS_PLAN: Plan = { op: ADS, categories: [5, 6], sheets: ['WB Реклама', 'WB Реклама: списания'], finals: [5 * 60000, HOUR] };
// Paid storage loads over several executions (a download a minute): enough clean rounds to finish.
const PAID_PLAN: Plan = { op: 'syncPaidNow' as Op, categories: [5, 2], sheets: ['WB Платное хранение', 'WB Платная приёмка'], finals: [10, 10, 10, 10, 10, 10, 60].map((m) => m * 60000) };

/** Orders, then [a first load,] the refresh (killed at `killAt`), then clean refreshes at the clean twin's times. */
function play(firstLoad: boolean, killAt: number | null, times: number[] | null, plan: Plan = ADS_PLAN): Played {
  const side = makeSide(SEED, 'personal', plan.categories);
  const h = side.h;
  const at: number[] = [];
  const step = (i: number, gap: number) => {
    const t = times ? times[i] : h.rt.clock.now() + gap;
    if (h.rt.clock.now() > t) throw new Error('the killed twin ran past its clean twin');
    h.rt.clock.set(t);
    at.push(t);
  };
  runOp(side, 'syncOrdersNow');
  if (!firstLoad) runOp(side, plan.op);
  step(0, 2 * HOUR);
  const run = runOp(side, plan.op, [], killAt === null ? null : { kind: 'at', index: killAt });
  if (killAt !== null && run.outcome !== 'killed') throw new Error('not killed at ' + killAt + ': ' + run.outcome);
  const trace = side.ins.trace.slice();
  plan.finals.forEach((gap, i) => {
    step(i + 1, gap);
    runOp(side, plan.op);
  });
  return { side, trace, times: at };
}

function differences(F: Side, C: Side, plan: Plan = ADS_PLAN): string[] {
  const out: string[] = [];
  for (const name of plan.sheets) {
    const f = sheetRows(F, name);
    const c = sheetRows(C, name);
    if (f.length !== c.length) out.push(`${name}: ${f.length} rows, clean twin ${c.length}`);
    const cs = new Set(c);
    const missing = f.filter((r) => !cs.has(r));
    if (missing.length) out.push(`${name}: ${missing.length} rows differ, e.g. ${missing[0].slice(0, 300)}`);
  }
  return out.concat(compareDaily(F.h, C.h));
}

for (const firstLoad of [true, false]) {
  test(`the ads refresh killed at any state-changing call${firstLoad ? ' of its first load' : ''} ends equal to its clean twin`, () => {
    const C = play(firstLoad, null, null);
    expect(sheetRows(C.side, 'WB Реклама').length).toBeGreaterThan(50);
    const points = C.trace.map((name, i) => [name, i] as [string, number]).filter(([name]) => MUTATING.test(name));
    expect(points.length).toBeGreaterThan(10);
    // Every WB request and property write, and a spread of the rest (the run stays short).
    const chosen = points.filter(([name], k) => /fetch|Propert|setProperty|flush/.test(name) || k % 8 === 0);
    const failures: string[] = [];
    for (const [name, index] of chosen) {
      for (const after of [false, true]) {
        const F = play(firstLoad, after ? index + 1 : index, C.times);
        const d = differences(F.side, C.side);
        if (d.length) failures.push(`${after ? 'after' : 'before'} #${index} ${name}: ${d.join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600000);
}

test('paid storage and acceptance killed at any WB request or saved position of their first load end equal to their clean twin', () => {
  const C = play(true, null, null, PAID_PLAN);
  expect(sheetRows(C.side, 'WB Платное хранение').length).toBeGreaterThan(100);
  const points = C.trace.map((name, i) => [name, i] as [string, number]).filter(([name]) => MUTATING.test(name) && /fetch|setProperty|flush|setValues/.test(name));
  expect(points.length).toBeGreaterThan(5);
  const failures: string[] = [];
  points.forEach(([name, index], k) => {
    if (k % 4) return; // every fourth point keeps the run short
    for (const after of [false, true]) {
      const F = play(true, after ? index + 1 : index, C.times, PAID_PLAN);
      const d = differences(F.side, C.side, PAID_PLAN);
      if (d.length) failures.push(`${after ? 'after' : 'before'} #${index} ${name}: ${d.join(' | ')}`);
    }
  });
  expect(failures).toEqual([]);
}, 600000);
