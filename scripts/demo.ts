/**
 * The demo: the built add-on (dist/) in the offline Apps Script runtime against the WB
 * emulator, for a demo seller. Connects the key, refreshes all, fills a sheet with every
 * WB_ formula, runs a scheduled day, and writes the workbook to demo/wb-demo.xlsx.
 *
 * `npm run demo -- --bigquery` (or WB_DEMO_BIGQUERY=1) turns on BigQuery storage too (the
 * seller's own project, offline: the runtime's BigQuery on a local DuckDB file,
 * demo/wb-demo.duckdb), keeps raw rows in BigQuery only and prints a query over the views.
 */
import * as path from 'path';
import * as fs from 'fs';
import { loadBundle, ROOT } from '../tests/bundle/harness';
import { chromiumAvailable, renderSheetsPng } from '../tests/runtime/render';

function logRows(h: ReturnType<typeof loadBundle>): unknown[][] {
  const sheet = h.rt.spreadsheet.getSheetByName('WB Журнал');
  return sheet ? sheet.getDataRange().getValues().slice(1) : [];
}

/** Cost prices as a seller types them on WB Юнит-экономика: by the header, into each article's row. */
function fillCostPrices(h: ReturnType<typeof loadBundle>): number {
  let n = 0;
  h.rt.run(() => {
    const sheet = h.scope.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('WB Юнит-экономика');
    const values = sheet.getDataRange().getValues();
    const head = values[4].map(String);
    const nm = head.indexOf('Артикул WB');
    const units = head.indexOf('Продано, шт');
    const retail = head.indexOf('Выручка (WB реализовал), ₽');
    const cost = head.indexOf('Себестоимость, ₽/шт');
    const rows = values.slice(5).map((r: unknown[], i: number) => ({ r, row: 6 + i }));
    const end = rows.findIndex((x: { r: unknown[] }) => x.r[0] === 'Итого');
    const lines = rows.slice(0, end).filter((x: { r: unknown[] }) => typeof x.r[nm] === 'number');
    lines.forEach((x: { r: any[]; row: number }, i: number) => {
      const price = x.r[units] > 0 ? x.r[retail] / x.r[units] : 1000;
      // The last listed article was bought too dear: a loss-maker on every sheet.
      const value = Math.round(price * (i === lines.length - 1 ? 1.3 : 0.3 + (i % 4) * 0.03));
      sheet.getRange(x.row, cost + 1).setValue(value);
      n++;
    });
  }, { authMode: 'FULL' });
  return n;
}
const BIGQUERY = process.argv.includes('--bigquery') || process.env.WB_DEMO_BIGQUERY === '1';
const BQ_FILE = path.join(ROOT, 'demo', 'wb-demo.duckdb');

async function main(): Promise<void> {
  if (BIGQUERY) {
    fs.mkdirSync(path.dirname(BQ_FILE), { recursive: true });
    for (const f of [BQ_FILE, BQ_FILE + '.wal']) if (fs.existsSync(f)) fs.unlinkSync(f);
  }
  const h = loadBundle({ startTime: Date.UTC(2026, 10, 27, 7, 0, 0), emulator: { seed: 2026, articles: 12, ordersPerDay: 60 }, ...(BIGQUERY ? { bigquery: { dbPath: BQ_FILE } } : {}) });
  const say = (line: string) => console.log(line);
  if (BIGQUERY) {
    // The seller allows BigQuery in Google's prompt, then saves «Хранилище».
    h.rt.grantScopes(['https://www.googleapis.com/auth/bigquery']);
    h.rt.bigquery.addProject('wb-demo-shop', { billing: true });
    const stored = h.run('saveStorage', { mode: 'bigquery', project: 'wb-demo-shop', dataset: 'wb', location: 'EU', keepRawInSheets: false });
    say('Storage: ' + stored.message + ' ' + h.run('checkStorage', stored.state.storage.settings).message);
  }

  h.rt.run(() => h.scope.onOpen({ authMode: 'LIMITED' }), { authMode: 'LIMITED' });
  const menu = h.rt.menus[h.rt.menus.length - 1];
  say('Menu: Extensions → WB Sheets → ' + menu.items.map((i) => i.caption).join(' | '));

  h.call('showSidebar');
  const key = h.wb.makeKey({ type: 'personal', categories: [5, 2, 10, 13, 7, 6], readOnly: true });
  const saved = h.call('saveKey', '  Bearer ' + key + '\n');
  const k = saved.state.keys[0];
  say('Key: ' + saved.message + ' ' + k.masked + ', ' + k.typeLabel + ', ' + k.categories.join(', ') + ', до ' + k.expiresOn + ' (' + k.daysLeft + ' дн.)');
  for (const r of saved.state.matrix) say('  ' + (r.ok ? '✓ ' : '✗ ') + r.title + ' — ' + r.note + (r.next ? '; ' + r.next : ''));

  const t0 = h.rt.clock.now();
  h.rt.stats.reset();
  const first = h.call('syncAllNow');
  say('Refresh all (first load, ' + ((h.rt.clock.now() - t0) / 1000).toFixed(1) + ' s virtual, ' + h.rt.stats.fetchCount + ' requests, ' + h.rt.stats.cellsWritten + ' cells written):');
  for (const line of first.message.split('\n')) say('  ' + line);

  h.rt.clock.advance(3 * 3600000);
  h.rt.stats.reset();
  const second = h.call('syncAllNow');
  say('Refresh all 3 hours later (' + h.rt.stats.fetchCount + ' requests, ' + h.rt.stats.cellsWritten + ' cells written):');
  for (const line of second.message.split('\n')) say('  ' + line);

  // A sheet of formulas, as a seller types them (Russian locale: ';' separators), using
  // every WB_ function. The runtime evaluates them as Sheets would (custom functions run
  // in their own executions) and keeps the results until a refresh makes them recompute.
  const sales = h.wb.sales({ withinRetention: true }) as Record<string, any>[];
  const articles = Array.from(new Set(sales.map((r) => String(r.supplierArticle)))).slice(0, 8);
  const to = '2026-11-26';
  const from = '2026-10-28';
  const q = (a: string) => '"' + a.replace(/"/g, '""') + '"';
  const header = ['Артикул', 'Заказы, шт', 'Продажи, шт', 'Возвраты, шт', 'Выручка, ₽', 'К перечислению (реализация), ₽', 'Расходы WB, ₽', 'Логистика, ₽', 'Остаток, шт', 'Остаток на складе «' + 'Коледино' + '», шт', 'Рейтинг', 'Отзывы', 'Без ответа', 'Переходы в карточку', 'Позиция в поиске', 'Прибыль, ₽'];
  const per = (ref: string) => [
    '=WB_ORDERS(' + ref + '; $B$1; $C$1)',
    '=WB_SALES(' + ref + '; $B$1; $C$1)',
    '=WB_RETURNS(' + ref + '; $B$1; $C$1)',
    '=WB_REVENUE(' + ref + '; $B$1; $C$1)',
    '=WB_PAYOUT(' + ref + '; $B$1; $C$1)',
    '=WB_COSTS(' + ref + '; $B$1; $C$1)',
    '=WB_COSTS(' + ref + '; $B$1; $C$1; "логистика")',
    '=WB_STOCK(' + ref + ')',
    '=WB_STOCK(' + ref + '; "Коледино")',
    '=WB_RATING(' + ref + ')',
    '=WB_REVIEWS(' + ref + '; $B$1; $C$1)',
    '=WB_UNANSWERED(' + ref + ')',
    '=WB_FUNNEL(' + ref + '; $B$1; $C$1; "просмотры")',
    '=WB_POSITION(' + ref + ')',
    '=WB_PROFIT(' + ref + '; $B$1; $C$1)',
  ];
  h.rt.run(() => {
    const ss = h.scope.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('Формулы');
    sheet.getRange(1, 1, 1, 3).setNumberFormats([['@', 'yyyy-mm-dd', 'yyyy-mm-dd']]).setValues([['Период (с, по):', from, to]]);
    sheet.getRange(3, 1, 1, header.length).setValues([header]).setFontWeight('bold');
    sheet.getRange(4, 1, articles.length + 1, 1).setNumberFormat('@').setValues(articles.map((a) => [a]).concat([['']]));
    sheet.getRange(4, 2, articles.length, per('').length).setFormulas(articles.map((_a, i) => per('$A' + (4 + i))));
    sheet.getRange(4 + articles.length, 1).setValue('Все артикулы');
    sheet.getRange(4 + articles.length, 2, 1, per('').length).setFormulas([per('""')]);
    sheet.getRange(4, 5, articles.length + 1, 4).setNumberFormat('#,##0.00 "₽"');
    const r = 6 + articles.length;
    sheet.getRange(r, 1).setValue('Продажи по списку артикулов одной формулой (диапазон → диапазон):');
    sheet.getRange(r + 1, 2).setFormula('=WB_SALES(A4:A' + (3 + articles.length) + '; $B$1; $C$1)');
    sheet.getRange(r + articles.length + 2, 1).setValue('Сводка за период: =WB_SUMMARY($B$1; $C$1)');
    sheet.getRange(r + articles.length + 3, 1).setFormula('=WB_SUMMARY($B$1; $C$1)');
    sheet.setFrozenRows(3);
  }, { authMode: 'FULL' });
  const values = h.rt.spreadsheet.getSheetByName('Формулы')!.getDataRange().getDisplayValues();
  say('Formulas (' + from + ' … ' + to + '), as the sheet shows them:');
  for (const line of values.slice(2, 4 + articles.length)) say('  ' + line.slice(0, 9).map((v: string) => String(v).padStart(10)).join(' '));

  // A scheduled day in virtual time: hourly trigger, fired as Apps Script would.
  const schedule = h.call('saveSchedule', { mode: 'every1' });
  say('Schedule: ' + schedule.schedule.mode + ', next run ' + schedule.schedule.next);
  const dayStart = h.rt.clock.now();
  const fired = h.rt.dueTriggers(dayStart, dayStart + 24 * 3600000);
  const logBefore = logRows(h);
  for (const due of fired) {
    h.rt.clock.set(Math.max(due.at, h.rt.clock.now()));
    h.rt.run(() => h.scope[due.trigger.handlerFunction]({ authMode: 'FULL' }), { authMode: 'FULL', trigger: true, user: due.trigger.user });
  }
  h.rt.clock.set(dayStart + 24 * 3600000);
  const log = logRows(h).slice(logBefore.length);
  const perResult: Record<string, number> = {};
  for (const r of log) perResult[String(r[7])] = (perResult[String(r[7])] || 0) + 1;
  say('A scheduled day: ' + fired.length + ' runs, ' + log.length + ' log rows (' + Object.entries(perResult).map(([k, v]) => k + ' ' + v).join(', ') + '), 429s: ' + h.wb.requests.filter((r) => r.status === 429).length);
  for (const r of log.slice(-5)) say('  ' + [r[2], r[3], 'запросов ' + r[4], 'новых ' + r[5], 'обновлено ' + r[6], r[7]].join(' | '));

  // The dashboard: built once from the menu, rebuilt after every refresh since.
  const built = h.call('buildDashboardNow');
  say('Dashboard: ' + built.message);
  // The seller types cost prices on the unit economics sheet (a third of the article's
  // average price; one article bought too dear, so a loss shows) and picks the tax.
  const costs = fillCostPrices(h);
  say('Cost prices typed for ' + costs + ' articles; tax: УСН «доходы» 6 %, other costs 25 ₽/unit');
  h.call('saveSettings', { taxRegime: 'usn6', otherCostPerUnit: 25 });
  h.rt.clock.advance(3600000);
  h.call('syncAllNow');
  for (const name of ['WB Сводка', 'WB Юнит-экономика', 'WB Остатки: прогноз', 'WB ABC', 'WB Карточки']) {
    const sheet = h.rt.spreadsheet.getSheetByName(name)!;
    say('  ' + name + ': ' + Math.max(0, sheet.getLastRow()) + ' rows, ' + h.rt.charts(name).length + ' charts, ' + h.rt.conditionalRules(name).length + ' conditional rules');
  }
  const overview = h.rt.spreadsheet.getSheetByName('WB Сводка')!.getRange(9, 1, 10, 4).getDisplayValues();
  for (const line of overview) say('    ' + line[0].padEnd(24) + line[1].padStart(16) + line[2].padStart(16) + line[3].padStart(8));
  if (!BIGQUERY && chromiumAvailable()) {
    const img = path.join(ROOT, 'docs', 'img');
    fs.mkdirSync(img, { recursive: true });
    const jobs = [
      { sheet: 'WB Сводка', file: path.join(img, 'overview.png'), opts: { rows: 99, cols: 12 } },
      { sheet: 'WB Юнит-экономика', file: path.join(img, 'unit-economics.png'), opts: { rows: 34, cols: 27 } },
      { sheet: 'WB Остатки: прогноз', file: path.join(img, 'stock-forecast.png'), opts: { rows: 30, cols: 10 } },
      { sheet: 'WB ABC', file: path.join(img, 'abc.png'), opts: { rows: 22, cols: 7 } },
      { sheet: 'WB Карточки', file: path.join(img, 'cards.png'), opts: { rows: 22, cols: 16 } },
      { sheet: 'Формулы', file: path.join(img, 'formulas.png'), opts: { rows: 36, cols: 16 } },
    ];
    await renderSheetsPng(h.rt, jobs, { scale: 1 });
    say('Pictures: ' + jobs.map((j) => path.relative(ROOT, j.file)).join(', '));
  } else say('Pictures: skipped (' + (BIGQUERY ? 'BigQuery mode keeps the README pictures' : 'no Chromium at /usr/bin/chromium') + ')');

  if (BIGQUERY) {
    const sql =
      'SELECT supplierArticle, COUNTIF(SUBSTR(saleID, 1, 1) = \'S\') AS sold, COUNTIF(SUBSTR(saleID, 1, 1) = \'R\') AS returned, ' +
      'SUM(CASE WHEN SUBSTR(saleID, 1, 1) = \'S\' THEN ABS(priceWithDisc) WHEN SUBSTR(saleID, 1, 1) = \'R\' THEN -ABS(priceWithDisc) ELSE 0 END) AS revenue ' +
      'FROM `wb-demo-shop.wb.wb_sales_latest` GROUP BY supplierArticle ORDER BY revenue DESC LIMIT 5';
    const r = h.rt.bigquery.sql(sql);
    const s = h.rt.bigquery.stats;
    say('BigQuery (' + path.relative(process.cwd(), BQ_FILE) + '): ' + s.loadJobs + ' load jobs, ' + s.loadedRows + ' rows loaded, ' + s.queries + ' queries; raw sheets keep 7 days.');
    say('  ' + sql);
    say('  ' + r.fields.join(' | '));
    for (const row of r.rows) say('  ' + row.join(' | '));
  }

  const out = path.join(ROOT, 'demo', 'wb-demo.xlsx');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await h.rt.toXlsx(out);
  say('Workbook: ' + path.relative(process.cwd(), out) + ' (' + h.rt.spreadsheet.getSheets().map((s: any) => s.getName() + ' ' + Math.max(0, s.getLastRow() - 1) + ' rows').join(', ') + ')');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
