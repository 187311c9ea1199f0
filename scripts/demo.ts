/**
 * The demo: the built add-on (dist/) in the offline Apps Script runtime against the WB
 * emulator, for a demo seller. Connects the key, refreshes all, fills a sheet of
 * formulas, and writes the workbook to demo/wb-demo.xlsx.
 */
import * as path from 'path';
import * as fs from 'fs';
import { loadBundle, ROOT } from '../tests/bundle/harness';

function logRows(h: ReturnType<typeof loadBundle>): unknown[][] {
  const sheet = h.rt.spreadsheet.getSheetByName('WB Журнал');
  return sheet ? sheet.getDataRange().getValues().slice(1) : [];
}

async function main(): Promise<void> {
  const h = loadBundle({ startTime: Date.UTC(2026, 10, 27, 7, 0, 0), emulator: { seed: 2026, articles: 12, ordersPerDay: 60 } });
  const say = (line: string) => console.log(line);

  h.rt.run(() => h.scope.onOpen({ authMode: 'LIMITED' }), { authMode: 'LIMITED' });
  const menu = h.rt.menus[h.rt.menus.length - 1];
  say('Menu: Extensions → WB Sheets → ' + menu.items.map((i) => i.caption).join(' | '));

  h.call('showSidebar');
  const key = h.wb.makeKey({ type: 'personal', categories: [5, 2, 10, 13], readOnly: true });
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

  // A sheet of formulas, as a seller would type them (Russian locale: ';' separators).
  const sales = h.wb.sales({ withinRetention: true }) as Record<string, any>[];
  const articles = Array.from(new Set(sales.map((r) => String(r.supplierArticle)))).slice(0, 8);
  const to = '2026-11-26';
  const from = '2026-10-28';
  const rows: { formula: string; value: unknown }[][] = [];
  for (const a of articles) {
    const literal = '"' + a.replace(/"/g, '""') + '"';
    rows.push([
      { formula: '', value: a },
      { formula: '=WB_SALES(' + literal + '; "' + from + '"; "' + to + '")', value: h.formula('WB_SALES', a, from, to) },
      { formula: '=WB_REVENUE(' + literal + '; "' + from + '"; "' + to + '")', value: h.formula('WB_REVENUE', a, from, to) },
      { formula: '=WB_REVENUE(' + literal + '; "' + from + '"; "' + to + '"; "forPay")', value: h.formula('WB_REVENUE', a, from, to, 'forPay') },
    ]);
  }
  rows.push([
    { formula: '', value: 'Все артикулы' },
    { formula: '=WB_SALES(""; "' + from + '"; "' + to + '")', value: h.formula('WB_SALES', '', from, to) },
    { formula: '=WB_REVENUE(""; "' + from + '"; "' + to + '")', value: h.formula('WB_REVENUE', '', from, to) },
    { formula: '=WB_REVENUE(""; "' + from + '"; "' + to + '"; "forPay")', value: h.formula('WB_REVENUE', '', from, to, 'forPay') },
  ]);
  h.rt.run(() => {
    const ss = h.scope.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('Формулы');
    sheet.getRange(1, 1, 1, 4).setValues([['Артикул', 'Продано, шт (30 дн.)', 'Выручка, ₽', 'К перечислению, ₽']]);
    sheet.getRange(1, 1, 1, 4).setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.getRange(2, 1, rows.length, 1).setNumberFormat('@');
    sheet.getRange(2, 1, rows.length, 1).setValues(rows.map((r) => [r[0].value]));
    sheet.getRange(2, 2, rows.length, 3).setFormulas(rows.map((r) => r.slice(1).map((c) => c.formula)));
    sheet.getRange(2, 3, rows.length, 2).setNumberFormat('#,##0.00 "₽"');
  }, { authMode: 'FULL' });
  h.rt.spreadsheet.setFormulaResults?.('Формулы', rows.map((r) => r.map((c) => c.value)));

  say('Formulas (' + from + ' … ' + to + '):');
  for (const r of rows) say('  ' + String(r[0].value).padEnd(14) + ' ' + String(r[1].value).padStart(5) + ' шт  ' + String(r[2].value).padStart(12) + ' ₽  ' + r[1].formula);

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

  const out = path.join(ROOT, 'demo', 'wb-demo.xlsx');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await h.rt.toXlsx(out);
  say('Workbook: ' + path.relative(process.cwd(), out) + ' (' + h.rt.spreadsheet.getSheets().map((s: any) => s.getName() + ' ' + Math.max(0, s.getLastRow() - 1) + ' rows').join(', ') + ')');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
