/**
 * Pictures of a sheet as the seller sees it in Google Sheets: displayed values in their
 * number formats, fonts, alignment, backgrounds with conditional formatting applied,
 * column widths and row heights, merges, the frozen-rows/columns bar, row numbers and
 * column letters, the sheet tabs, and the sheet's charts drawn as SVG from their data
 * ranges at their anchors. The page is built as HTML and screenshotted with Chromium
 * (playwright-core).
 *
 *   await renderSheetPng(rt, 'WB Сводка', 'docs/img/summary.png');
 *   await renderSheetsPng(rt, [{ sheet: 'WB Сводка', file: 'a.png' }, { sheet: 'WB ABC', file: 'b.png' }]);
 *
 * Reads the spreadsheet directly: no SpreadsheetApp calls are counted, no virtual time.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as nodePath from 'path';
import { columnToLetters } from './a1';
import { chartHeight, chartWidth } from './chart-data';
import { chartSvg, textWidth } from './chart-svg';
import { effectiveFormat } from './conditional';
import { storedValue } from './grid';
import { dvAt } from './validation';
import { displayValue, splitSections } from './numfmt';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface RenderOptions {
  /** rows to draw (default: the data, frozen rows and charts, plus 2), capped by maxRows */
  rows?: number;
  /** columns to draw (default: the data and charts, plus 1), capped by maxCols */
  cols?: number;
  /** default 100 */
  maxRows?: number;
  /** default 30 */
  maxCols?: number;
  /** row numbers and column letters, default true */
  headers?: boolean;
  /** the sheet tab strip at the bottom, default true */
  tabs?: boolean;
  /** device scale factor of the screenshot, default 1 (2 for crisp docs images) */
  scale?: number;
  /** Chromium executable, default $CHROMIUM_PATH or /usr/bin/chromium */
  chromiumPath?: string;
  /** also write the HTML page here */
  htmlFile?: string;
}

export interface RenderResult {
  file: string;
  /** CSS pixels (multiply by scale for the PNG's size) */
  width: number;
  height: number;
}

type Source = { spreadsheet: FakeSpreadsheet } | FakeSpreadsheet;

function spreadsheetOf(src: Source): FakeSpreadsheet {
  const ss = 'run' in src && 'spreadsheet' in src ? (src as { spreadsheet: FakeSpreadsheet }).spreadsheet : (src as FakeSpreadsheet);
  return ss._ctx.unwrap(ss);
}

function sheetOf(ss: FakeSpreadsheet, name: string): FakeSheet {
  const s = ss._sheetByName(name);
  if (!s) throw new Error(`renderSheetPng: no sheet named "${name}"`);
  return s;
}

function h(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

const ROW_HEADER_W = 46;
const COL_HEADER_H = 20;
const TABS_H = 34;
const DEFAULT_FONT_PT = 10;
const FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";

/** The colour a format section asks for ([Red], [Color10]...), when it does. */
function sectionColor(fmt: string, v: unknown): string | undefined {
  if (typeof v !== 'number' || !fmt) return undefined;
  const secs = splitSections(fmt);
  const sec = v < 0 && secs.length > 1 ? secs[1] : v === 0 && secs.length > 2 ? secs[2] : secs[0];
  const m = /\[(red|green|blue|yellow|magenta|cyan|black|white|красный|зеленый|синий)\]/i.exec(sec);
  if (!m) return undefined;
  const map: Record<string, string> = { red: '#ff0000', красный: '#ff0000', green: '#00a000', зеленый: '#00a000', blue: '#0000ff', синий: '#0000ff', yellow: '#c0a000', magenta: '#ff00ff', cyan: '#00b0b0', black: '#000000', white: '#ffffff' };
  return map[m[1].toLowerCase()];
}

function chartBox(sheet: FakeSheet, rec: FakeSheet['_charts'][number], colX: (c: number) => number, rowY: (r: number) => number) {
  const p = rec.state.pos;
  const x = colX(p.col) + p.offX;
  const y = rowY(p.row) + p.offY;
  return { x, y, w: chartWidth(rec.state), h: chartHeight(rec.state) };
}

/** The sheet as an HTML page (and its size in CSS pixels). */
export function sheetHtml(src: Source, sheetName: string, opts: RenderOptions = {}): { html: string; width: number; height: number } {
  const ss = spreadsheetOf(src);
  const sheet = sheetOf(ss, sheetName);
  const headers = opts.headers !== false;
  const tabs = opts.tabs !== false;
  const hx = headers ? ROW_HEADER_W : 0;
  const hy = headers ? COL_HEADER_H : 0;
  const locale = ss._locale;
  const colW = (c: number) => sheet._colWidths.get(c) ?? 100;
  const explicitRowH = (r: number) => sheet._rowHeights.get(r);

  // how far the content and the charts reach
  let lastRow = Math.max(sheet.getLastRow(), sheet._frozenRows);
  let lastCol = Math.max(sheet.getLastColumn(), sheet._frozenCols);
  sheet._rows.forEach((row, i) => {
    if (row?.st?.some((s) => s?.background)) lastRow = Math.max(lastRow, i + 1);
    row?.st?.forEach((s, j) => {
      if (s?.background) lastCol = Math.max(lastCol, j + 1);
    });
  });
  for (const m of sheet._merges) {
    lastRow = Math.max(lastRow, m.r + m.nr - 1);
    lastCol = Math.max(lastCol, m.c + m.nc - 1);
  }
  const pxToCol = (x: number) => {
    let c = 1;
    let acc = 0;
    while (acc + colW(c) < x && c < 18278) acc += colW(c++);
    return c;
  };
  const pxToRow = (y: number) => {
    let r = 1;
    let acc = 0;
    while (acc + (explicitRowH(r) ?? 21) < y && r < 100000) acc += explicitRowH(r++) ?? 21;
    return r;
  };
  const sumW = (c: number) => {
    let x = 0;
    for (let k = 1; k < c; k++) x += colW(k);
    return x;
  };
  const sumH = (r: number) => {
    let y = 0;
    for (let k = 1; k < r; k++) y += explicitRowH(k) ?? 21;
    return y;
  };
  for (const rec of sheet._charts) {
    const b = chartBox(sheet, rec, sumW, sumH);
    lastCol = Math.max(lastCol, pxToCol(b.x + b.w));
    lastRow = Math.max(lastRow, pxToRow(b.y + b.h));
  }
  const rows = Math.max(1, Math.min(opts.rows ?? lastRow + 2, opts.maxRows ?? 100, sheet._maxRows));
  const cols = Math.max(1, Math.min(opts.cols ?? lastCol + 1, opts.maxCols ?? 30, sheet._maxCols));

  // displayed text and style of each cell
  type CellOut = { text: string; align: string; style: string; wrap: boolean; empty: boolean; dropdown: boolean; px: number; bold: boolean };
  const cellOut = (r: number, c: number): CellOut => {
    const row = sheet._rows[r - 1];
    const v = storedValue(row, c - 1);
    const fmt = row?.f?.[c - 1] ?? '';
    const st = row?.st?.[c - 1];
    const ef = effectiveFormat(sheet, r, c);
    const text = v === '' ? '' : displayValue(v, fmt, locale);
    const align = st?.horizontalAlignment && st.horizontalAlignment !== 'general' && st.horizontalAlignment !== 'normal'
      ? st.horizontalAlignment.replace('general-', '')
      : typeof v === 'number'
        ? 'right'
        : typeof v === 'boolean'
          ? 'center'
          : 'left';
    const color = ef.rule < 0 ? (sectionColor(fmt, v) ?? ef.fontColor) : ef.fontColor;
    const pt = st?.fontSize ?? DEFAULT_FONT_PT;
    const deco = [ef.underline ? 'underline' : '', ef.strikethrough ? 'line-through' : ''].filter(Boolean).join(' ');
    const style =
      `background:${ef.background};color:${color};font-size:${((pt * 4) / 3).toFixed(2)}px;` +
      (ef.bold ? 'font-weight:bold;' : '') +
      (ef.italic ? 'font-style:italic;' : '') +
      (deco ? `text-decoration:${deco};` : '') +
      (st?.fontFamily ? `font-family:'${st.fontFamily.replace(/'/g, '')}',${FONT};` : '') +
      (st?.verticalAlignment === 'top' ? 'align-items:flex-start;' : st?.verticalAlignment === 'middle' ? 'align-items:center;' : '');
    const dv = dvAt(sheet._validations, r, c);
    const dropdown = !!dv && (dv.criteria === 'VALUE_IN_LIST' || dv.criteria === 'VALUE_IN_RANGE') && dv.values[1] !== false;
    return { text, align, style, wrap: st?.wrap === true, empty: v === '' && !dropdown, dropdown, px: (pt * 4) / 3, bold: ef.bold };
  };
  const cells: CellOut[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: CellOut[] = [];
    for (let c = 1; c <= cols; c++) line.push(cellOut(r, c));
    cells.push(line);
  }
  // row heights: explicit, else grown for wrapped text as Sheets does
  const rowH: number[] = [0];
  for (let r = 1; r <= rows; r++) {
    let hgt = explicitRowH(r) ?? 21;
    if (explicitRowH(r) === undefined) {
      for (let c = 1; c <= cols; c++) {
        const co = cells[r - 1][c - 1];
        if (!co.text) continue;
        const lines = co.wrap ? co.text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part, co.px) * (co.bold ? 1.08 : 1) / Math.max(10, colW(c) - 8))), 0) : 1;
        hgt = Math.max(hgt, Math.ceil(lines * co.px * 1.25 + 5));
      }
    }
    rowH.push(hgt);
  }
  const colX: number[] = [0, hx];
  for (let c = 1; c <= cols; c++) colX.push(colX[c] + colW(c));
  const rowY: number[] = [0, hy];
  for (let r = 1; r <= rows; r++) rowY.push(rowY[r] + rowH[r]);
  const width = colX[cols + 1];
  const gridH = rowY[rows + 1];
  const height = gridH + (tabs ? TABS_H : 0);

  // merged cells: the top-left one spans, the others are not drawn
  const covered = new Set<string>();
  const span = new Map<string, { w: number; h: number }>();
  for (const m of sheet._merges) {
    if (m.r > rows || m.c > cols) continue;
    const r2 = Math.min(rows, m.r + m.nr - 1);
    const c2 = Math.min(cols, m.c + m.nc - 1);
    span.set(`${m.r},${m.c}`, { w: colX[c2 + 1] - colX[m.c], h: rowY[r2 + 1] - rowY[m.r] });
    for (let r = m.r; r <= r2; r++) for (let c = m.c; c <= c2; c++) if (r !== m.r || c !== m.c) covered.add(`${r},${c}`);
  }

  let grid = '';
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const key = `${r},${c}`;
      if (covered.has(key)) continue;
      const co = cells[r - 1][c - 1];
      const sp = span.get(key);
      const w = sp?.w ?? colW(c);
      const hh = sp?.h ?? rowH[r];
      let textW = w;
      // unwrapped left-aligned text overflows into empty cells to its right
      if (!sp && !co.wrap && co.text && co.align === 'left') {
        let k = c + 1;
        while (k <= cols && cells[r - 1][k - 1].empty && !covered.has(`${r},${k}`) && !span.has(`${r},${k}`) && textW < textWidth(co.text, co.px) * (co.bold ? 1.08 : 1) + 8) textW += colW(k++);
      }
      const justify = co.align === 'center' ? 'center' : co.align === 'right' ? 'flex-end' : 'flex-start';
      grid +=
        `<div class="c" style="left:${colX[c]}px;top:${rowY[r]}px;width:${w}px;height:${hh}px;${co.style}justify-content:${justify};` +
        (co.wrap ? 'white-space:pre-wrap;' : '') +
        (textW > w ? 'z-index:1;' : '') +
        `"><span style="max-width:${textW - (co.dropdown ? 20 : 6)}px;${co.wrap ? '' : 'overflow:hidden;'}">${h(co.text)}</span>` +
        (co.dropdown ? `<i class="dd">▾</i>` : '') +
        `</div>`;
    }
  }
  let heads = '';
  if (headers) {
    heads += `<div class="hd corner" style="left:0;top:0;width:${hx}px;height:${hy}px"></div>`;
    for (let c = 1; c <= cols; c++) heads += `<div class="hd" style="left:${colX[c]}px;top:0;width:${colW(c)}px;height:${hy}px">${columnToLetters(c)}</div>`;
    for (let r = 1; r <= rows; r++) heads += `<div class="hd" style="left:0;top:${rowY[r]}px;width:${hx}px;height:${rowH[r]}px">${r}</div>`;
  }
  let frozen = '';
  if (sheet._frozenRows > 0 && sheet._frozenRows <= rows) frozen += `<div class="fz" style="left:0;top:${rowY[sheet._frozenRows + 1] - 2}px;width:${width}px;height:4px"></div>`;
  if (sheet._frozenCols > 0 && sheet._frozenCols <= cols) frozen += `<div class="fz" style="left:${colX[sheet._frozenCols + 1] - 2}px;top:0;width:4px;height:${gridH}px"></div>`;
  let charts = '';
  const atCol = (c: number) => (c <= cols + 1 ? colX[c] : colX[cols + 1] + sumW(c) - sumW(cols + 1));
  const atRow = (r: number) => (r <= rows + 1 ? rowY[r] : rowY[rows + 1] + sumH(r) - sumH(rows + 1));
  for (const rec of sheet._charts) {
    const b = chartBox(sheet, rec, atCol, atRow);
    charts += `<div class="ch" style="left:${b.x}px;top:${b.y}px;width:${b.w}px;height:${b.h}px">${chartSvg(rec.state, locale)}</div>`;
  }
  let tabStrip = '';
  if (tabs) {
    const names = ss._sheets.filter((s) => !s._hidden).map((s) => s._name);
    tabStrip =
      `<div class="tabs" style="top:${gridH}px;width:${width}px">` +
      names.map((nm) => `<span class="tab${nm === sheet._name ? ' on' : ''}">${h(nm)}</span>`).join('') +
      `</div>`;
  }
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><style>` +
    `*{box-sizing:border-box}html,body{margin:0;padding:0;background:#fff}` +
    `#s{position:relative;width:${width}px;height:${height}px;overflow:hidden;font-family:${FONT};font-size:13.33px}` +
    `.c{position:absolute;display:flex;align-items:flex-end;padding:0 3px 3px;border-right:1px solid #e2e3e3;border-bottom:1px solid #e2e3e3;white-space:nowrap;line-height:1.2}` +
    `.c span{display:block;flex-shrink:0;text-overflow:clip}.dd{position:absolute;right:4px;bottom:3px;font-style:normal;color:#5f6368;font-size:12px}` +
    `.hd{position:absolute;display:flex;align-items:center;justify-content:center;background:#f8f9fa;color:#5f6368;font-size:11px;border-right:1px solid #c4c7c5;border-bottom:1px solid #c4c7c5}` +
    `.fz{position:absolute;background:#bdc1c6;z-index:3}` +
    `.ch{position:absolute;z-index:5;box-shadow:0 1px 2px rgba(60,64,67,.15)}.ch svg{display:block}` +
    `.tabs{position:absolute;left:0;height:${TABS_H}px;background:#f1f3f4;border-top:1px solid #dadce0;display:flex;align-items:center;padding-left:${hx + 8}px;gap:2px;font-size:13px;color:#444}` +
    `.tab{padding:7px 14px;white-space:nowrap}.tab.on{background:#fff;color:#188038;font-weight:bold;border-radius:0 0 6px 6px;box-shadow:0 1px 2px rgba(0,0,0,.2)}` +
    `</style></head><body><div id="s">${grid}${heads}${frozen}${charts}${tabStrip}</div></body></html>`;
  return { html, width, height };
}

type Browser = { newPage(o: unknown): Promise<Page>; close(): Promise<void> };
type Page = { setContent(html: string, o?: unknown): Promise<void>; screenshot(o: unknown): Promise<Buffer>; close(): Promise<void> };

function loadPlaywright(): { chromium: { launch(o: unknown): Promise<Browser> } } {
  try {
    return require('playwright-core');
  } catch {
    for (const base of [process.env.WB_SHEETS_ROOT, process.cwd()]) {
      if (!base) continue;
      try {
        return createRequire(nodePath.join(base, 'package.json'))('playwright-core');
      } catch {
        /* next */
      }
    }
    throw new Error('renderSheetPng: the playwright-core package cannot be found');
  }
}

/** Whether a Chromium to render with exists. */
export function chromiumAvailable(path = DEFAULT_CHROMIUM): boolean {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Renders several sheets with one browser. */
export async function renderSheetsPng(src: Source, jobs: { sheet: string; file: string; opts?: RenderOptions }[], opts: RenderOptions = {}): Promise<RenderResult[]> {
  const exe = opts.chromiumPath ?? DEFAULT_CHROMIUM;
  if (!chromiumAvailable(exe)) throw new Error(`renderSheetPng: Chromium not found at ${exe} (set CHROMIUM_PATH or install the chromium package)`);
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
  const out: RenderResult[] = [];
  try {
    for (const job of jobs) {
      const o = { ...opts, ...(job.opts ?? {}) };
      const { html, width, height } = sheetHtml(src, job.sheet, o);
      if (o.htmlFile) fs.writeFileSync(o.htmlFile, html);
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: o.scale ?? 1 });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        fs.mkdirSync(nodePath.dirname(nodePath.resolve(job.file)), { recursive: true });
        await page.screenshot({ path: job.file, clip: { x: 0, y: 0, width, height } });
      } finally {
        await page.close();
      }
      out.push({ file: job.file, width, height });
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** Renders one sheet (with its charts) to a PNG file. */
export async function renderSheetPng(src: Source, sheetName: string, outFile: string, opts: RenderOptions = {}): Promise<RenderResult> {
  const [r] = await renderSheetsPng(src, [{ sheet: sheetName, file: outFile }], opts);
  return r;
}
