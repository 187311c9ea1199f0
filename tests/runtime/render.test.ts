/** renderSheetPng: a sheet with a chart and conditional colours becomes a PNG of sensible size. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRuntime } from './index';
import { chromiumAvailable, DEFAULT_CHROMIUM, renderSheetPng, sheetHtml } from './render';

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function dashboard() {
  const rt = createRuntime();
  const g = rt.globals as any;
  rt.run(() => {
    const sheet = g.SpreadsheetApp.getActive().insertSheet('WB Сводка');
    const rows: unknown[][] = [['День', 'Заказы', 'Продажи', 'Выручка, ₽']];
    for (let d = 0; d < 14; d++) rows.push([new Date(Date.UTC(2026, 10, 1 + d, 9)), 20 + ((d * 7) % 11), 15 + ((d * 5) % 9), (d % 5 === 3 ? -1 : 1) * (12000 + d * 850.5)]);
    sheet.getRange(1, 1, rows.length, 4).setValues(rows);
    sheet.getRange('A2:A15').setNumberFormat('dd.MM');
    sheet.getRange('D2:D15').setNumberFormat('#,##0.00 "₽"');
    sheet.getRange('A1:D1').setFontWeight('bold').setBackground('#e8f0fe').setHorizontalAlignment('center');
    sheet.setFrozenRows(1);
    sheet.setColumnWidths(1, 4, 110);
    sheet.setConditionalFormatRules([
      g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).setBackground('#f4c7c3').setFontColor('#a50e0e').setRanges([sheet.getRange('D2:D15')]).build(),
    ]);
    sheet.insertChart(
      sheet.newChart().asLineChart().setTitle('Заказы и продажи по дням').setXAxisTitle('День').setLegendPosition(g.Charts.Position.BOTTOM)
        .addRange(sheet.getRange('A1:C15')).setPosition(1, 6, 0, 0).setOption('width', 520).setOption('height', 300).build(),
    );
    sheet.insertChart(
      sheet.newChart().asColumnChart().setTitle('Выручка').addRange(sheet.getRange('A1:A15')).addRange(sheet.getRange('D1:D15'))
        .setPosition(17, 1, 0, 0).setOption('legend', { position: 'none' }).setOption('width', 440).setOption('height', 260).build(),
    );
    sheet.insertChart(
      sheet.newChart().asPieChart().setTitle('Доля').addRange(sheet.getRange('A1:B5')).setPosition(17, 6, 20, 0).setOption('width', 360).setOption('height', 260).setOption('pieHole', 0.4).build(),
    );
  });
  return rt;
}

it('lays the sheet out with displayed values, conditional colours and inline SVG charts', () => {
  const rt = dashboard();
  const { html, width, height } = sheetHtml(rt, 'WB Сводка');
  expect(html).toContain('01.11');
  expect(/-14\s551,50 ₽/.test(html)).toBe(true);
  expect(html).toContain('background:#f4c7c3;color:#a50e0e');
  expect((html.match(/<svg /g) ?? []).length).toBe(3);
  expect(html).toContain('Заказы и продажи по дням');
  expect(width).toBeGreaterThan(900);
  expect(height).toBeGreaterThan(600);
});

const maybe = chromiumAvailable() ? it : it.skip;
if (!chromiumAvailable()) console.warn(`render.test: Chromium not found at ${DEFAULT_CHROMIUM}; skipping the screenshot test (set CHROMIUM_PATH)`);

maybe('renders the sheet with its charts to a PNG', async () => {
  const rt = dashboard();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-render-'));
  const file = process.env.RENDER_TEST_OUT || path.join(dir, 'summary.png');
  const stats = { ...rt.stats };
  const r = await renderSheetPng(rt, 'WB Сводка', file, { scale: 1 });
  expect(rt.stats.spreadsheetCalls).toBe(stats.spreadsheetCalls); // observing costs nothing
  const size = pngSize(file);
  expect(size).toEqual({ width: r.width, height: r.height });
  expect(size.width).toBeGreaterThan(900);
  expect(size.height).toBeGreaterThan(600);
  expect(fs.statSync(file).size).toBeGreaterThan(20000);
});
