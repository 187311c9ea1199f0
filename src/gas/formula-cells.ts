/**
 * SpreadsheetApp behind the FormulaCellGateway interface: finds the cells whose formulas
 * call a WB_ function (a TextFinder over formula text, so big data sheets are searched
 * by the server, not read), empties them and enters the same formulas again.
 *
 * Calls, for N such cells on H sheets of a document with S sheets:
 * - find(): 5 when there are none (getActiveSpreadsheet, createTextFinder,
 *   matchFormulaText, useRegularExpression, findAll). Else, for few hits (N <= 8, or
 *   2N <= 4S after one getSheets): 2 per hit (getGridId, getA1Notation) + 3 per sheet
 *   (getSheet, getRange, getFormulas of the block around its hits); for many: 1 + 4 per
 *   sheet (a TextFinder each) + 5 per sheet holding some (getSheetId, getLastRow,
 *   getLastColumn, getRange, getFormulas of its data area). A block too large next to its
 *   hits (formulas in a big report sheet) is not read: 1 or 2 calls per hit instead.
 * - clear(): 2 per sheet (getRangeList + clearContent) + 1 flush.
 * - enter(): 2 per block of adjacent cells (getRange + setFormulas); onlyIfEmpty adds 5 per
 *   sheet (getMaxRows, getMaxColumns, getRange, getFormulas, getValues of the cells'
 *   bounding box) and 1 getSheetById per sheet not seen by find().
 */
import { AppsScriptSpreadsheet } from './spreadsheet';
import { FormulaCell, FormulaCellGateway, SpreadsheetGateway } from './types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What the TextFinder looks for in formula text (case-insensitive; values can match too and are sorted out). */
export const WB_CALL_PATTERN = 'WB_[A-Z0-9_]*\\s*\\(';
const WB_CALL = /(^|[^A-Za-z0-9_.$])WB_[A-Za-z0-9_]*\s*\(/i;
/** Up to this many hits, each hit is asked where it is (2 calls a hit); beyond, only when cheaper than searching each sheet. */
const PER_HIT_MAX = 8;
/** A block of cells is read whole when it is under SMALL_AREA + CELLS_PER_HIT per hit cells (a call costs about as much as 1,000 cells). */
const SMALL_AREA = 20000;
const CELLS_PER_HIT = 2000;

/** Whether a formula calls a function named WB_... (not merely mentions it in a string or a sheet name). */
export function callsWbFunction(formula: string): boolean {
  if (typeof formula !== 'string' || formula.charAt(0) !== '=') return false;
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  return WB_CALL.test(bare);
}

/** A rectangle of formula cells of one sheet, to write in one call. */
export interface FormulaBlock {
  row: number;
  column: number;
  formulas: string[][];
}

/**
 * Groups cells of one sheet into rectangles made only of those cells: runs of adjacent
 * rows in a column, joined with the runs of the columns beside them that span the same rows.
 */
export function formulaBlocks(cells: FormulaCell[]): FormulaBlock[] {
  const sorted = cells.slice().sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: { column: number; row: number; formulas: string[] }[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.column === cell.column && last.row + last.formulas.length === cell.row) last.formulas.push(cell.formula);
    else if (!(last && last.column === cell.column && cell.row < last.row + last.formulas.length)) runs.push({ column: cell.column, row: cell.row, formulas: [cell.formula] });
  }
  const blocks: { row: number; column: number; columns: string[][] }[] = [];
  for (const run of runs) {
    const prev = blocks.find((b) => b.row === run.row && b.columns[0].length === run.formulas.length && b.column + b.columns.length === run.column);
    if (prev) prev.columns.push(run.formulas);
    else blocks.push({ row: run.row, column: run.column, columns: [run.formulas] });
  }
  return blocks.map((b) => ({
    row: b.row,
    column: b.column,
    formulas: b.columns[0].map((_, i) => b.columns.map((col) => col[i])),
  }));
}

function parseCell(a1: string): { row: number; column: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) return null;
  let column = 0;
  for (let i = 0; i < m[1].length; i++) column = column * 26 + m[1].charCodeAt(i) - 64;
  return { row: Number(m[2]), column };
}

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function blockA1(b: { row: number; column: number; formulas: string[][] }): string {
  const first = columnLetters(b.column) + b.row;
  const rows = b.formulas.length;
  const cols = b.formulas[0].length;
  return rows === 1 && cols === 1 ? first : first + ':' + columnLetters(b.column + cols - 1) + (b.row + rows - 1);
}

function bySheet(cells: FormulaCell[]): Map<number, FormulaCell[]> {
  const out = new Map<number, FormulaCell[]>();
  for (const c of cells) {
    const list = out.get(c.sheetId);
    if (list) list.push(c);
    else out.set(c.sheetId, [c]);
  }
  return out;
}

function finder(scope: Spreadsheet | Sheet): GoogleAppsScript.Spreadsheet.TextFinder {
  return scope.createTextFinder(WB_CALL_PATTERN).matchFormulaText(true).useRegularExpression(true);
}

export class AppsScriptFormulaCells implements FormulaCellGateway {
  /** Sheets met so far, by id (a Sheet object is reused rather than asked for again). */
  private readonly sheets = new Map<number, Sheet>();

  constructor(private readonly ss: Spreadsheet) {}

  static active(): AppsScriptFormulaCells {
    return new AppsScriptFormulaCells(SpreadsheetApp.getActiveSpreadsheet());
  }

  find(): FormulaCell[] {
    const hits = finder(this.ss).findAll();
    if (!hits.length) return [];
    let sheets: Sheet[] | null = null;
    if (hits.length > PER_HIT_MAX) {
      sheets = this.ss.getSheets();
      if (2 * hits.length <= 4 * sheets.length) sheets = null;
    }
    return sheets ? this.findBySheet(sheets) : this.findByHit(hits);
  }

  /** Few hits: each says its sheet and cell (2 calls), then each sheet's block around them is read (3 calls). */
  private findByHit(hits: Range[]): FormulaCell[] {
    const groups = new Map<number, { range: Range; row: number; column: number }[]>();
    for (const range of hits) {
      const id = range.getGridId();
      const at = parseCell(range.getA1Notation());
      if (!at) continue;
      const list = groups.get(id);
      if (list) list.push({ range, ...at });
      else groups.set(id, [{ range, ...at }]);
    }
    const out: FormulaCell[] = [];
    groups.forEach((list, id) => {
      const r1 = Math.min(...list.map((x) => x.row));
      const c1 = Math.min(...list.map((x) => x.column));
      const r2 = Math.max(...list.map((x) => x.row));
      const c2 = Math.max(...list.map((x) => x.column));
      if ((r2 - r1 + 1) * (c2 - c1 + 1) > SMALL_AREA + CELLS_PER_HIT * list.length) {
        for (const x of list) {
          const formula = x.range.getFormula();
          if (callsWbFunction(formula)) out.push({ sheetId: id, row: x.row, column: x.column, formula });
        }
        return;
      }
      const sheet = list[0].range.getSheet();
      this.sheets.set(id, sheet);
      const formulas = sheet.getRange(r1, c1, r2 - r1 + 1, c2 - c1 + 1).getFormulas();
      for (const x of list) {
        const formula = formulas[x.row - r1][x.column - c1];
        if (callsWbFunction(formula)) out.push({ sheetId: id, row: x.row, column: x.column, formula });
      }
    });
    return out;
  }

  /** Many hits: each sheet is searched (4 calls), and a sheet holding some has its data area read (4 calls). */
  private findBySheet(sheets: Sheet[]): FormulaCell[] {
    const out: FormulaCell[] = [];
    for (const sheet of sheets) {
      const hits = finder(sheet).findAll();
      if (!hits.length) continue;
      const id = sheet.getSheetId();
      this.sheets.set(id, sheet);
      const lastRow = sheet.getLastRow();
      const lastCol = sheet.getLastColumn();
      if (lastRow * lastCol <= SMALL_AREA + CELLS_PER_HIT * hits.length) {
        const formulas = sheet.getRange(1, 1, lastRow, lastCol).getFormulas();
        for (let r = 0; r < formulas.length; r++) {
          for (let c = 0; c < formulas[r].length; c++) {
            if (callsWbFunction(formulas[r][c])) out.push({ sheetId: id, row: r + 1, column: c + 1, formula: formulas[r][c] });
          }
        }
        continue;
      }
      for (const hit of hits) {
        const formula = hit.getFormula();
        const at = callsWbFunction(formula) ? parseCell(hit.getA1Notation()) : null;
        if (at) out.push({ sheetId: id, ...at, formula });
      }
    }
    return out;
  }

  private sheet(id: number): Sheet | null {
    let sheet = this.sheets.get(id) || null;
    if (!sheet) {
      sheet = this.ss.getSheetById(id);
      if (sheet) this.sheets.set(id, sheet);
    }
    return sheet;
  }

  clear(cells: FormulaCell[]): void {
    if (!cells.length) return;
    bySheet(cells).forEach((list, id) => {
      const sheet = this.sheet(id);
      if (sheet) sheet.getRangeList(formulaBlocks(list).map(blockA1)).clearContent();
    });
    SpreadsheetApp.flush();
  }

  enter(cells: FormulaCell[], onlyIfEmpty = false): number {
    let entered = 0;
    bySheet(cells).forEach((list, id) => {
      const sheet = this.sheet(id);
      if (!sheet) return;
      const todo = onlyIfEmpty ? this.emptyAmong(sheet, list) : list;
      for (const block of formulaBlocks(todo)) {
        sheet.getRange(block.row, block.column, block.formulas.length, block.formulas[0].length).setFormulas(block.formulas);
        entered += block.formulas.length * block.formulas[0].length;
      }
    });
    return entered;
  }

  /** The cells that hold neither a formula nor a value now. */
  private emptyAmong(sheet: Sheet, cells: FormulaCell[]): FormulaCell[] {
    if (!cells.length) return cells;
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = 0;
    let c2 = 0;
    for (const c of cells) {
      r1 = Math.min(r1, c.row);
      c1 = Math.min(c1, c.column);
      r2 = Math.max(r2, c.row);
      c2 = Math.max(c2, c.column);
    }
    // rows or columns may have been deleted since
    const maxRows = sheet.getMaxRows();
    const maxCols = sheet.getMaxColumns();
    cells = cells.filter((c) => c.row <= maxRows && c.column <= maxCols);
    if (!cells.length) return cells;
    r2 = Math.min(r2, maxRows);
    c2 = Math.min(c2, maxCols);
    const box = sheet.getRange(r1, c1, r2 - r1 + 1, c2 - c1 + 1);
    const formulas = box.getFormulas();
    const values = box.getValues();
    return cells.filter((c) => formulas[c.row - r1][c.column - c1] === '' && values[c.row - r1][c.column - c1] === '');
  }
}

/** The adapter for the document behind `gateway`, when it is the Apps Script one (not in plain Node tests). */
export function formulaCellsFor(gateway: SpreadsheetGateway): FormulaCellGateway | null {
  if (!(gateway instanceof AppsScriptSpreadsheet)) return null;
  // Opened on first use: a refresh that re-enters no formula spends no call on it.
  let cells: AppsScriptFormulaCells | null = null;
  const open = () => cells || (cells = AppsScriptFormulaCells.active());
  return {
    find: () => open().find(),
    clear: (list) => open().clear(list),
    enter: (list, onlyIfEmpty) => open().enter(list, onlyIfEmpty),
  };
}
