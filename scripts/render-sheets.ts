/**
 * Pictures of sheets made in the offline runtime (tests/runtime/render.ts), for checking
 * the renderer and the dashboard adapter by eye without the rest of the add-on:
 *
 *   node scripts/run-ts.js scripts/render-sheets.ts [outDir]    (default demo/render-sample)
 *
 * builds a sample overview sheet through src/gas/dashboard.ts (a table, four native
 * charts, conditional colours, a dropdown), then writes outDir/<sheet>.png (2x) and
 * outDir/sample.xlsx (native charts, conditional formatting). Needs Chromium
 * (/usr/bin/chromium or $CHROMIUM_PATH).
 */
import * as fs from 'fs';
import * as path from 'path';
import { AppsScriptDashboard } from '../src/gas/dashboard';
import { installRuntime, uninstallRuntime } from '../tests/runtime/index';
import { chromiumAvailable, DEFAULT_CHROMIUM, renderSheetsPng } from '../tests/runtime/render';

/** The runtime replaces `console` while installed: print straight to stdout. */
const say = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] || 'demo/render-sample');
  fs.mkdirSync(outDir, { recursive: true });
  const rt = installRuntime();
  try {
    rt.run(() => {
      const d = AppsScriptDashboard.active().openSheet('WB Сводка', 'wb.sample', 'overview');
      d.writeBlock(1, 1, [['Сводка (пример)']], ['@']);
      d.styleBlock({ row: 1, col: 1, numRows: 1, numCols: 1 }, { bold: true, fontSize: 14 });
      d.writeBlock(2, 1, [['Период', '30 дней']], ['@', '@']);
      d.setChoices(2, 2, ['7 дней', '30 дней', '90 дней', 'Свои даты']);
      d.styleBlock({ row: 2, col: 2, numRows: 1, numCols: 1 }, { background: '#fff2cc', bold: true });
      const days: (string | number)[][] = [['День', 'Заказы', 'Продажи', 'Остаток']];
      for (let i = 0; i < 30; i++) days.push([46327 + i, 40 + ((i * 7) % 13) + Math.round(i / 3), 30 + ((i * 5) % 9), 900 - i * 17 + ((i * 11) % 40)]);
      d.writeBlock(4, 1, days, ['dd.MM', '#,##0', '#,##0', '#,##0']);
      d.styleBlock({ row: 4, col: 1, numRows: 1, numCols: 4 }, { bold: true, background: '#e8eaf6', align: 'center' });
      const weeks: (string | number)[][] = [['Неделя', 'Выручка', 'К перечислению']];
      [['03.11', 410000, 318000], ['10.11', 455000, 351000], ['17.11', 398000, 300500], ['24.11', 502000, 389000]].forEach((w) => weeks.push(w));
      d.writeBlock(4, 6, weeks, ['@', '#,##0 ₽', '#,##0 ₽']);
      d.styleBlock({ row: 4, col: 6, numRows: 1, numCols: 3 }, { bold: true, background: '#e8eaf6', align: 'center' });
      const top: (string | number)[][] = [['Артикул', 'Выручка', 'Маржа']];
      for (let i = 0; i < 10; i++) top.push([`Платье летнее ${i + 1}`, 180000 - i * 14000, i % 4 === 3 ? -3200 - i * 100 : 42000 - i * 3500]);
      d.writeBlock(4, 10, top, ['@', '#,##0 ₽', '#,##0 ₽']);
      d.styleBlock({ row: 4, col: 10, numRows: 1, numCols: 3 }, { bold: true, background: '#e8eaf6', align: 'center' });
      d.setColumnWidths(1, [90, 80, 80, 80, 24, 80, 110, 120, 24, 170, 110, 100]);
      d.freezeRows(4);
      d.replaceCharts([
        { kind: 'line', title: 'Заказы и продажи по дням', ranges: [{ row: 4, col: 1, numRows: 31, numCols: 3 }], anchorRow: 16, anchorCol: 6, width: 620, height: 300, options: { legend: 'bottom' } },
        { kind: 'column', title: 'Выручка и к перечислению по неделям', ranges: [{ row: 4, col: 6, numRows: 5, numCols: 3 }], anchorRow: 16, anchorCol: 13, width: 560, height: 300, options: { legend: 'bottom', valueFormat: 'short', colors: ['#4285f4', '#34a853'] } },
        { kind: 'line', title: 'Остатки на складах', ranges: [{ row: 4, col: 1, numRows: 31, numCols: 1 }, { row: 4, col: 4, numRows: 31, numCols: 1 }], anchorRow: 32, anchorCol: 6, width: 620, height: 300, options: { legend: 'none', colors: ['#ff6d01'] } },
        { kind: 'bar', title: 'Топ-10 артикулов по выручке', ranges: [{ row: 4, col: 10, numRows: 11, numCols: 2 }], anchorRow: 32, anchorCol: 13, width: 560, height: 340, options: { legend: 'none', valueFormat: 'short' } },
      ]);
      d.replaceConditionalRules([
        { ranges: [{ row: 5, col: 12, numRows: 10, numCols: 1 }], when: { kind: 'lessThan', value: 0 }, background: '#f4c7c3', fontColor: '#a50e0e' },
        { ranges: [{ row: 5, col: 4, numRows: 30, numCols: 1 }], when: { kind: 'lessThan', value: 500 }, background: '#fce8b2' },
      ]);
    });
    const names = rt.spreadsheet.getSheets().map((s) => s.getName()).filter((n) => n.startsWith('WB'));
    await rt.toXlsx(path.join(outDir, 'sample.xlsx'));
    if (!chromiumAvailable()) {
      say(`Chromium not found at ${DEFAULT_CHROMIUM}: wrote ${path.join(outDir, 'sample.xlsx')} only.`);
      return;
    }
    const done = await renderSheetsPng(
      rt,
      names.map((n) => ({ sheet: n, file: path.join(outDir, n.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase() + '.png') })),
      { scale: 2 },
    );
    for (const r of done) say(`${r.file}  ${r.width}x${r.height} css px`);
    say(path.join(outDir, 'sample.xlsx'));
  } finally {
    uninstallRuntime();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
