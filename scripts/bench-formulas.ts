/**
 * `npm run bench` (second part): the WB_ formulas on a large seller, in the offline
 * runtime with the built bundle. The daily table ('WB Дни') of a seller with 500
 * articles (sizes: ~1,250 barcodes) and a year of history is written the way the
 * add-on's own sync writes it (src/daily packing), from seeded daily totals worth about
 * 1.5 million raw sales rows; the stock snapshot likewise. Then each formula is called
 * as Sheets would (AuthMode CUSTOM_FUNCTION) and its SpreadsheetApp calls, cells read,
 * virtual time and Node CPU time are measured, and its answer is checked against a
 * direct sum over the same totals. Output: docs/benchmark-formulas.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBundle } from '../tests/bundle/harness';
import { DAILY } from '../src/daily/table';
import { MEASURES, Measure } from '../src/daily/measures';
import { SLOTS, packDays } from '../src/daily/packing';
import { STOCKS } from '../src/reports/stocks';
import { SALES } from '../src/reports/sales';
import { NUMBER_FORMATS } from '../src/store/columns';

const ROOT = process.env.WB_SHEETS_ROOT || path.resolve(__dirname, '..');
const DAY = 86400000;
const ARTICLES = 500;
const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const serialOf = (ms: number) => Math.floor(ms / DAY) + 25569;
const isoOf = (serial: number) => new Date((serial - 25569) * DAY).toISOString().slice(0, 10);

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const poisson = (mean: number) => {
  let l = Math.exp(-mean), k = 0, p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > l);
  return k - 1;
};

interface Item {
  nmId: number;
  barcode: string;
  article: string;
  size: string;
  /** measure -> day serial -> value */
  values: Map<Measure, Map<number, number>>;
}

function buildSeller() {
  const last = serialOf(START) - 1; // yesterday
  const first = last - 364;
  const items: Item[] = [];
  const stock: { nmId: number; barcode: string; article: string; size: string; warehouse: string; qty: number }[] = [];
  let salesRows = 0;
  for (let a = 0; a < ARTICLES; a++) {
    const nmId = 300000000 + a * 37;
    const article = 'ART-' + String(a).padStart(4, '0');
    const sizes = 1 + Math.floor(rnd() * 4);
    const price = 500 + Math.floor(rnd() * 5000);
    for (let s = 0; s < sizes; s++) {
      const item: Item = { nmId, barcode: '46' + String(nmId * 10 + s).padStart(11, '0'), article, size: ['S', 'M', 'L', 'XL'][s], values: new Map() };
      const rate = 1.8 + rnd() * 3.2;
      const put = (m: Measure, day: number, v: number) => {
        if (!v) return;
        let byDay = item.values.get(m);
        if (!byDay) item.values.set(m, (byDay = new Map()));
        byDay.set(day, v);
      };
      for (let day = first; day <= last; day++) {
        const orders = poisson(rate * 1.15);
        const sales = poisson(rate);
        const returns = poisson(rate * 0.06);
        salesRows += sales + returns;
        const kop = price * 100;
        put('orders', day, orders);
        put('cancels', day, poisson(rate * 0.05));
        put('sales', day, sales);
        put('returns', day, returns);
        put('revPriceWithDisc', day, (sales - returns) * kop);
        put('revFinishedPrice', day, (sales - returns) * Math.round(kop * 0.8));
        put('revForPay', day, (sales - returns) * Math.round(kop * 0.75));
        put('revTotalPrice', day, (sales - returns) * kop * 2);
        put('payout', day, (sales - returns) * Math.round(kop * 0.75));
        put('retail', day, (sales - returns) * kop);
        put('realUnits', day, sales - returns);
        put('realRows', day, 2 * (sales + returns));
        put('commission', day, (sales - returns) * Math.round(kop * 0.25));
        put('logistics', day, (sales + returns) * 6500);
        put('storage', day, 120 + Math.floor(rnd() * 50));
        if (rnd() < 0.01) put('penalties', day, 50000);
      }
      items.push(item);
      for (const w of ['Коледино', 'Электросталь', 'Казань']) stock.push({ nmId, barcode: item.barcode, article, size: item.size, warehouse: w, qty: Math.floor(rnd() * 60) });
    }
  }
  return { items, stock, first, last, salesRows };
}

function sum(items: Item[], pick: (i: Item) => boolean, m: Measure, from: number, to: number): number {
  let t = 0;
  for (const i of items) {
    if (!pick(i)) continue;
    i.values.get(m)?.forEach((v, d) => {
      if (d >= from && d <= to) t += v;
    });
  }
  return t;
}

function writeSheets(h: ReturnType<typeof loadBundle>, seller: ReturnType<typeof buildSeller>) {
  const ss = h.rt.spreadsheet;
  const yearOf = (serial: number) => serialOf(Date.UTC(new Date((serial - 25569) * DAY).getUTCFullYear(), 0, 1));
  const years = Array.from(new Set([yearOf(seller.first), yearOf(seller.last)]));
  const header = DAILY.columns.map((c) => c.ru);
  const rows: unknown[][] = [];
  for (const y of years) {
    for (const it of seller.items) {
      const cells: Record<string, unknown> = { period: y, nmId: it.nmId, barcode: it.barcode, article: it.article, size: it.size, subject: 'Футболки', brand: 'Бренд', title: 'Футболка ' + it.article };
      let any = false;
      for (const m of MEASURES) {
        const v = new Array(SLOTS).fill(0);
        it.values.get(m)?.forEach((val, d) => {
          if (d >= y && yearOf(d) === y) ((v[d - y] = val), (any = true));
        });
        cells[m] = packDays(v);
      }
      if (any) rows.push(DAILY.columns.map((c) => cells[c.id] ?? ''));
    }
  }
  const grow = (sheet: any, rowsNeeded: number, cols: number) => {
    if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
    if (sheet.getMaxRows() < rowsNeeded) sheet.insertRowsAfter(sheet.getMaxRows(), rowsNeeded - sheet.getMaxRows());
  };
  h.rt.peek(() => {
    const sheet = ss.insertSheet(DAILY.title.ru);
    grow(sheet, rows.length + 1, header.length);
    sheet.addDeveloperMetadata('wb-sheets.table', 'daily');
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.getRange(2, 1, rows.length, header.length).setNumberFormats(rows.map(() => DAILY.columns.map((c) => NUMBER_FORMATS[c.type] || 'General'))).setValues(rows);
    const st = ss.insertSheet(STOCKS.title.ru);
    st.addDeveloperMetadata('wb-sheets.table', 'stocks');
    const sh = STOCKS.columns.map((c) => c.ru);
    grow(st, seller.stock.length + 1, sh.length);
    st.getRange(1, 1, 1, sh.length).setValues([sh]);
    const srows = seller.stock.map((s) => STOCKS.columns.map((c) => ({ vendorCode: s.article, nmId: s.nmId, barcode: s.barcode, techSize: s.size, warehouseName: s.warehouse, quantity: s.qty } as Record<string, unknown>)[c.id] ?? ''));
    st.getRange(2, 1, srows.length, sh.length).setNumberFormats(srows.map(() => STOCKS.columns.map((c) => NUMBER_FORMATS[c.type] || 'General'))).setValues(srows);
  });
  // The last 30 days of raw sales (the stock forecast's rates by warehouse): the
  // columns it reads, one row per unit sold, as many as the daily totals say.
  const salesCols = ['date', 'saleID', 'nmId', 'warehouseName'];
  const salesHeader = salesCols.map((id) => SALES.columns.find((c) => c.id === id)!.ru);
  const salesRows: unknown[][] = [];
  const warehouses = ['Коледино', 'Электросталь', 'Казань'];
  let n = 0;
  for (const it of seller.items) {
    it.values.get('sales')?.forEach((v, d) => {
      if (d < seller.last - 29) return;
      for (let k = 0; k < v; k++) salesRows.push([d + 0.5, 'S' + ++n, it.nmId, warehouses[n % 3]]);
    });
  }
  salesRows.sort((a, b) => (a[0] as number) - (b[0] as number));
  h.rt.peek(() => {
    const sheet = ss.insertSheet(SALES.title.ru);
    grow(sheet, salesRows.length + 1, salesHeader.length);
    sheet.addDeveloperMetadata('wb-sheets.table', 'sales');
    sheet.getRange(1, 1, 1, salesHeader.length).setValues([salesHeader]);
    sheet.getRange(2, 1, salesRows.length, salesHeader.length).setNumberFormats(salesRows.map(() => ['dd.mm.yyyy hh:mm:ss', '@', '0', '@'])).setValues(salesRows);
  });
  return { dailyRows: rows.length, width: header.length, salesRows: salesRows.length };
}

interface Measured {
  name: string;
  calls: number;
  cellsRead: number;
  virtualMs: number;
  cpuMs: number;
  ok: boolean;
  note: string;
}

function measure(h: ReturnType<typeof loadBundle>, name: string, fn: () => unknown, check: (r: any) => string | null): Measured {
  h.rt.stats.reset();
  const t0 = h.rt.clock.now();
  const c0 = process.cpuUsage();
  const r = fn();
  const c = process.cpuUsage(c0);
  const problem = check(r);
  return { name, calls: h.rt.stats.spreadsheetCalls, cellsRead: h.rt.stats.cellsRead, virtualMs: h.rt.clock.now() - t0, cpuMs: Math.round((c.user + c.system) / 1000), ok: problem === null, note: problem || '' };
}

function main() {
  const wall = Date.now();
  const h = loadBundle({ startTime: START });
  const seller = buildSeller();
  const shape = writeSheets(h, seller);
  const from = isoOf(seller.first);
  const to = isoOf(seller.last);
  const requestsBefore = h.wb.requests.length;
  const art = (n: number) => 'ART-' + String(n).padStart(4, '0');
  const exact = (want: number) => (r: any) => (r === want ? null : 'got ' + r + ', want ' + want);
  const cents = (want: number) => (r: any) => (Math.round(r * 100) === want ? null : 'got ' + r + ', want ' + want / 100);
  const by = (a: string) => (i: Item) => i.article === a;
  const all = () => true;
  const res: Measured[] = [];
  const a1 = art(137);
  res.push(measure(h, 'WB_SALES("' + a1 + '"; year) — single cell', () => h.formula('WB_SALES', a1, from, to), exact(sum(seller.items, by(a1), 'sales', seller.first, seller.last) - sum(seller.items, by(a1), 'returns', seller.first, seller.last))));
  res.push(measure(h, 'WB_REVENUE(nmId; a month) — single cell', () => h.formula('WB_REVENUE', 300000000 + 42 * 37, isoOf(seller.last - 29), to), cents(sum(seller.items, (i) => i.nmId === 300000000 + 42 * 37, 'revPriceWithDisc', seller.last - 29, seller.last))));
  res.push(measure(h, 'WB_ORDERS(""; year) — all articles, single cell', () => h.formula('WB_ORDERS', '', from, to), exact(sum(seller.items, all, 'orders', seller.first, seller.last) - sum(seller.items, all, 'cancels', seller.first, seller.last))));
  res.push(measure(h, 'WB_PAYOUT(barcode; year) — single cell', () => h.formula('WB_PAYOUT', seller.items[10].barcode, from, to), cents(sum(seller.items, (i) => i.barcode === seller.items[10].barcode, 'payout', seller.first, seller.last))));
  res.push(measure(h, 'WB_COSTS("' + a1 + '"; year; "логистика") — single cell', () => h.formula('WB_COSTS', a1, from, to, 'логистика'), cents(sum(seller.items, by(a1), 'logistics', seller.first, seller.last))));
  res.push(measure(h, 'WB_STOCK("' + a1 + '") — single cell', () => h.formula('WB_STOCK', a1), exact(seller.stock.filter((s) => s.article === a1).reduce((t, s) => t + s.qty, 0))));
  const range = Array.from({ length: 1000 }, (_, i) => [art(i % ARTICLES)]);
  res.push(
    measure(h, 'WB_SALES(A2:A1001; year) — 1,000-cell range', () => h.formula('WB_SALES', range, from, to), (r: any[][]) => {
      if (!Array.isArray(r) || r.length !== 1000) return 'not a 1000-row range';
      for (const k of [0, 499, 777]) {
        const a = range[k][0];
        const want = sum(seller.items, by(a), 'sales', seller.first, seller.last) - sum(seller.items, by(a), 'returns', seller.first, seller.last);
        if (r[k][0] !== want) return 'row ' + k + ': got ' + r[k][0] + ', want ' + want;
      }
      return null;
    }),
  );
  res.push(
    measure(h, 'WB_SUMMARY(year) — 500 articles', () => h.formula('WB_SUMMARY', from, to), (t: any[][]) => {
      if (!Array.isArray(t) || t.length !== ARTICLES + 1) return 'rows: ' + (t && t.length);
      const line = t.find((l) => l[0] === a1);
      const want = sum(seller.items, by(a1), 'revPriceWithDisc', seller.first, seller.last);
      if (!line || Math.round(line[8] * 100) !== want) return 'revenue of ' + a1 + ': got ' + (line && line[8]) + ', want ' + want / 100;
      return null;
    }),
  );
  // The dashboard: four sheets, charts and rules, built from the same data in one execution.
  h.rt.stats.reset();
  const d0 = h.rt.clock.now();
  const dc0 = process.cpuUsage();
  const built = h.call('buildDashboardNow');
  const dc = process.cpuUsage(dc0);
  const dash = { ok: built.ok, calls: h.rt.stats.spreadsheetCalls, read: h.rt.stats.cellsRead, written: h.rt.stats.cellsWritten, virtualMs: h.rt.clock.now() - d0, cpuMs: Math.round((dc.user + dc.system) / 1000), charts: h.rt.charts('WB Сводка').length };
  h.rt.stats.reset();
  const r0 = h.rt.clock.now();
  const rc0 = process.cpuUsage();
  h.call('buildDashboardNow');
  const rc = process.cpuUsage(rc0);
  const again = { calls: h.rt.stats.spreadsheetCalls, virtualMs: h.rt.clock.now() - r0, cpuMs: Math.round((rc.user + rc.system) / 1000) };
  const requests = h.wb.requests.length - requestsBefore;
  const targets: Record<string, number> = { 'single cell': 200, '1,000-cell range': 1000, '500 articles': 1000 };
  const target = (name: string) => Object.keys(targets).find((k) => name.includes(k));
  const lines = res.map((r) => {
    const t = target(r.name);
    const limit = t ? targets[t] : null;
    const met = limit === null ? '' : r.virtualMs + r.cpuMs < limit ? 'met (< ' + limit + ' ms)' : 'NOT met (< ' + limit + ' ms)';
    return `| ${r.name} | ${r.calls} | ${r.cellsRead.toLocaleString('en-US')} | ${r.virtualMs.toFixed(0)} | ${r.cpuMs} | ${(r.virtualMs + r.cpuMs).toFixed(0)} | ${met} | ${r.ok ? 'exact' : 'WRONG: ' + r.note} |`;
  });
  const md = `# WB Sheets benchmark: formulas

Generated by \`npm run bench\` (\`scripts/bench-formulas.ts\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}.
Wall time ${((Date.now() - wall) / 1000).toFixed(1)} s.

Seller: ${ARTICLES} articles, ${seller.items.length} barcodes (sizes), ${from} … ${to} (365 days), daily totals worth
${seller.salesRows.toLocaleString('en-US')} raw sales rows (sales + returns). Daily table 'WB Дни': ${shape.dailyRows.toLocaleString('en-US')} rows ×
${shape.width} columns (one row per barcode and calendar year, each measure a year of days in one cell), written
with the add-on's own packing; stock snapshot: ${seller.stock.length.toLocaleString('en-US')} rows.

Each call runs the built bundle's global function in the offline runtime as Sheets runs a
custom function (AuthMode CUSTOM_FUNCTION, a fresh execution). *Virtual ms* is the runtime's
cost model (2 ms per SpreadsheetApp call + 0.002 ms per cell; see docs/benchmark.md);
*CPU ms* is Node's CPU time of the call (the add-on's JavaScript, which the model does not
charge); the target is checked against their sum. *Answer* compares the result with a
direct sum over the same daily totals. Requests to WB during all calls: **${requests}**.

| call | SpreadsheetApp calls | cells read | virtual ms | CPU ms | total ms | target | answer |
|---|---|---|---|---|---|---|---|
${lines.join('\n')}

## Dashboard (issue 6)

\`buildDashboardNow\` on the same seller (plus ${shape.salesRows.toLocaleString('en-US')} raw sales rows of the last 30 days for the
stock forecast): ${dash.ok ? 'built' : 'FAILED'} the four sheets with ${dash.charts} charts in **${(dash.virtualMs / 1000).toFixed(1)} s virtual + ${(dash.cpuMs / 1000).toFixed(1)} s CPU**
(${dash.calls} SpreadsheetApp calls, ${dash.read.toLocaleString('en-US')} cells read, ${dash.written.toLocaleString('en-US')} cells written), against Apps Script's
360 s per execution: ${Math.round(((dash.virtualMs + dash.cpuMs) / 360000) * 100)} % of it. A rebuild with the sheets in place (as after every refresh):
${again.calls} calls, ${(again.virtualMs / 1000).toFixed(1)} s virtual + ${(again.cpuMs / 1000).toFixed(1)} s CPU.
`;
  const out = path.join(ROOT, 'docs', 'benchmark-formulas.md');
  fs.writeFileSync(out, md);
  console.log(md);
  if (res.some((r) => !r.ok) || requests || !dash.ok) process.exitCode = 1;
}

main();
