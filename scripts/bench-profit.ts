/**
 * Bench of profit per article (issue 13): the hourly refresh's cost with ads, paid
 * storage and acceptance for a 500-article seller with 40 campaigns, in the offline
 * runtime against the WB emulator, with the dashboard built, cost prices typed and a tax
 * regime set (so every scheduled run ends with the profit sheets and their reconciliation
 * against the raw report sheets). Per run: WB requests per report, requests WB refused
 * (429, must be 0), SpreadsheetApp calls, cells written, virtual time. Prints markdown and
 * writes it into docs/benchmark.md between the profit-cost markers (BENCH_WRITE=0 to only
 * print).
 *
 *   npm run build && node scripts/run-ts.js scripts/bench-profit.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { Harness, ROOT, loadBundle } from '../tests/bundle/harness';

const START = Date.UTC(2026, 10, 27, 7, 0, 0); // 10:00 Moscow
const HOUR = 3600000;
const SCHED = 'scheduledSync';
const SELLER = { articles: 500, ordersPerDay: 300, campaigns: 40 };
const REPORTS: [string, RegExp][] = [
  ['ads', /^\/(adv|api\/advert)\//],
  ['paid storage', /paid_storage/],
  ['acceptance', /acceptance_report/],
  ['realization', /^\/api\/finance\//],
  ['other', /./],
];

interface Measured {
  label: string;
  requests: Record<string, number>;
  refused: number;
  calls: number;
  cellsWritten: number;
  virtualMs: number;
  cpuMs: number;
}

function measure(h: Harness, label: string, fn: () => unknown): Measured {
  const before = h.wb.requests.length;
  h.rt.stats.reset();
  const t0 = h.rt.clock.now();
  const c0 = Date.now();
  fn();
  const requests: Record<string, number> = {};
  let refused = 0;
  for (const r of h.wb.requests.slice(before)) {
    const hit = REPORTS.find(([, re]) => re.test(r.path))!;
    requests[hit[0]] = (requests[hit[0]] || 0) + 1;
    if (r.status === 429) refused++;
  }
  const s = h.rt.stats;
  const m = { label, requests, refused, calls: s.spreadsheetCalls, cellsWritten: s.cellsWritten, virtualMs: h.rt.clock.now() - t0, cpuMs: Date.now() - c0 };
  process.stderr.write(`[profit] ${label}: ${JSON.stringify(requests)}, ${m.calls} calls, ${m.cellsWritten} cells, ${(m.virtualMs / 1000).toFixed(1)} s\n`);
  return m;
}

function rowsOf(h: Harness, name: string): number {
  const sheet = h.rt.spreadsheet.getSheetByName(name);
  return sheet ? h.rt.peek(() => sheet.getLastRow() - 1) : 0;
}

/** Cost prices as a seller types them: a third of each article's average price. */
function typeCostPrices(h: Harness): number {
  let n = 0;
  h.rt.run(() => {
    const sheet = h.scope.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('WB Юнит-экономика');
    const values = sheet.getDataRange().getValues();
    const head = values[4].map(String);
    const nm = head.indexOf('Артикул WB');
    const cost = head.indexOf('Себестоимость, ₽/шт');
    const end = values.findIndex((r: unknown[]) => r[0] === 'Итого');
    const column = values.slice(5, end).map((r: unknown[]) => [typeof r[nm] === 'number' ? (n++, 400 + ((r[nm] as number) % 9) * 50) : r[cost]]);
    sheet.getRange(6, cost + 1, column.length, 1).setValues(column);
  }, { authMode: 'FULL' });
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => (ms / 1000).toFixed(1);

const h = loadBundle({ startTime: START, maxResponseBytes: 2 ** 30, emulator: SELLER });
h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: [5, 2, 6, 13] }));
const runs: Measured[] = [];
// First load: refreshes by hand until the paid reports' 12 + 3 tasks are in.
let firstLoads = 0;
const paidLoaded = () => {
  const props = h.rt.documentProperties();
  const today = Math.floor((h.rt.clock.now() + 3 * HOUR) / (24 * HOUR));
  return ['paidStorage', 'acceptance'].every((id) => !props['wb.state.' + id + 'Task'] && Number(props['wb.state.' + id + 'Cursor']) >= today - 2);
};
const FIRST_MAX = 40;
const first = measure(h, 'first load (menu: Refresh all, by hand every 2 min)', () => {
  for (let i = 0; i < FIRST_MAX; i++) {
    h.call('syncAllNow');
    firstLoads++;
    if (paidLoaded()) break;
    h.rt.clock.advance(2 * 60000);
  }
});
const firstDone = paidLoaded();
runs.push(first);
runs.push(measure(h, 'build the dashboard (menu)', () => h.call('buildDashboardNow')));
const priced = typeCostPrices(h);
h.call('saveSettings', { taxRegime: 'usn6', otherCostPerUnit: 25 });
h.call('saveSchedule', { mode: 'every1' });
for (let i = 0; i < 6; i++) {
  h.rt.clock.advance(HOUR);
  runs.push(measure(h, 'hourly scheduled refresh ' + (i + 1) + (paidLoaded() ? '' : ' (a paid-report task open at start)'), () => h.call(SCHED)));
}
h.rt.stats.reset();
runs.push(measure(h, 'dashboard rebuild alone (menu)', () => h.call('buildDashboardNow')));
const verdict = h.rt.peek(() => {
  const v = h.rt.spreadsheet.getSheetByName('WB Юнит-экономика')!.getDataRange().getValues();
  const line = v.find((r: unknown[]) => /^Сходится|^Не сходится/.test(String(r[0])));
  return line ? String(line[0]) : '(no verdict)';
});

const lines = runs.map((m) => {
  const req = REPORTS.map(([k]) => m.requests[k] || 0);
  return `| ${m.label} | ${req.join(' / ')} | ${m.refused} | ${fmt(m.calls)} | ${fmt(m.cellsWritten)} | ${sec(m.virtualMs)} | ${sec(m.cpuMs)} |`;
});

const section = [
  '<!-- profit-cost:start (scripts/bench-profit.ts) -->',
  '## Profit per article: cost of an hourly refresh with ads and paid storage (issue 13)',
  '',
  `Generated by \`scripts/bench-profit.ts\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. A seller with ${SELLER.articles} articles, ${fmt(SELLER.ordersPerDay)} orders a day over 100 days and ${SELLER.campaigns} ad campaigns; one Personal key with «Статистика», «Аналитика», «Продвижение» and «Финансы»; the built add-on in the offline runtime against the WB emulator. After the first load the dashboard is built, cost prices are typed for ${fmt(priced)} articles, the tax is УСН «доходы» 6 % with 25 ₽ of other costs a unit, and the hourly schedule is on: each scheduled run ends by rebuilding the dashboard with profit per article and the reconciliation against the raw report sheets. *Requests*: WB requests of the run per report (ads: campaigns, statistics and charges / paid storage / paid acceptance / realization / every other report); *429*: requests WB refused (must be 0). SpreadsheetApp calls, cells written and virtual time are the whole run's (the runtime's cost model); *CPU s*: Node's own time for the run. ${firstDone ? `The first load took ${firstLoads} refreshes by hand, 2 minutes apart (12 paid-storage tasks at one download a minute).` : `The first load was stopped after ${firstLoads} refreshes by hand, 2 minutes apart, with a paid-storage or acceptance task still open or its position behind the last 3 days (a scheduled run also leaves the task it creates for the next run, so the mark below does not tell a first load from the steady state).`}`,
  '',
  '| run | requests: ads / paid storage / acceptance / realization / other | 429 | SpreadsheetApp calls | cells written | virtual s | CPU s |',
  '|---|---|---|---|---|---|---|',
  ...lines,
  '',
  `- After the runs: ${fmt(rowsOf(h, 'WB Реклама'))} rows in WB Реклама, ${fmt(rowsOf(h, 'WB Платное хранение'))} in WB Платное хранение, ${fmt(rowsOf(h, 'WB Платная приёмка'))} in WB Платная приёмка, ${fmt(rowsOf(h, 'WB Реализация'))} in WB Реализация; the unit economics sheet says «${verdict}»`,
  '<!-- profit-cost:end -->',
].join('\n');
console.log(section);
if (process.env.BENCH_WRITE !== '0') {
  const file = path.join(ROOT, 'docs', 'benchmark.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# WB Sheets benchmark\n';
  const re = /<!-- profit-cost:start[\s\S]*?<!-- profit-cost:end -->/;
  const next = re.test(doc) ? doc.replace(re, section) : doc.trimEnd() + '\n\n' + section + '\n';
  fs.writeFileSync(file, next);
}
