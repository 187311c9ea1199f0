/**
 * SpreadsheetApp behind the DashboardGateway / DashboardSheet interfaces: what the
 * dashboard sheets need (blocks of values and formats, column widths, merges, native
 * charts, conditional formatting), so the dashboard logic stays testable.
 *
 * Which charts and rules are the add-on's. A sheet-level developer metadata entry
 * (key DASHBOARD_META_KEY) holds the add-on's chart ids (Sheets' EmbeddedChart.getChartId
 * is stable for the chart's life) and fingerprints of its rules (conditional format
 * rules have no id), each with a hash of the spec it was made from. Metadata is
 * invisible to the seller and survives renames and edits; a title or option marker
 * would be visible (titles) or dropped by Sheets (unknown options are not kept).
 *  - a chart or rule not in the entry is the seller's and is never touched;
 *  - an add-on chart whose spec is unchanged stays as it is (no calls), so an hourly
 *    refresh with the same layout only reads; its data ranges update by themselves;
 *  - a rule is recognised by its ranges (A1), criteria type and values; if the seller
 *    changed those, it counts as theirs from then on; its colours are reset to the
 *    spec's when it is still recognised;
 *  - a chart or rule of the add-on that the seller deleted is made again on the next call.
 * If the entry is lost (the seller deleted it through the API), the add-on's old charts
 * count as the seller's and new ones are added next to them.
 */
import {
  BlockStyle,
  Cell,
  CellBlock,
  ChartSpec,
  ConditionalRuleSpec,
  DashboardGateway,
  DashboardSheet,
  ReplaceResult,
} from './types';
import { ZoneConverter } from './time-zone';
import { DASHBOARD_META_KEY, MetaState, blockA1, chartHash, fingerprint, ruleCriteria, ruleHash, ruleIdentity } from './dashboard-meta';
import { GridGrower, buildChart, buildRule } from './dashboard-builders';

export { DASHBOARD_META_KEY } from './dashboard-meta';

/** Rows added beyond what is needed when the grid grows (few inserts on later refreshes). */
const GRID_SLACK_ROWS = 50;


type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

class AppsScriptDashboardSheet implements DashboardSheet {
  private grid: { rows: number; cols: number } | null = null;
  private meta: { handle: DeveloperMetadata | null; state: MetaState; added: boolean } | null = null;

  private zone: ZoneConverter | null = null;

  /** zoneOf: the spreadsheet's time zone converter, asked for only when a date is read */
  constructor(
    private readonly sheet: Sheet,
    private readonly zoneOf: (() => ZoneConverter) | null = null,
  ) {}

  name(): string {
    return this.sheet.getName();
  }

  lastRow(): number {
    return this.sheet.getLastRow();
  }

  read(row: number, col: number, numRows: number, numCols: number): Cell[][] {
    if (numRows <= 0 || numCols <= 0) return [];
    const g = this.gridSize();
    const out: Cell[][] = Array.from({ length: numRows }, () => Array.from({ length: numCols }, () => null as Cell));
    const nr = Math.min(numRows, g.rows - row + 1);
    const nc = Math.min(numCols, g.cols - col + 1);
    if (nr <= 0 || nc <= 0) return out;
    const values = this.sheet.getRange(row, col, nr, nc).getValues();
    values.forEach((line, i) => line.forEach((v, j) => (out[i][j] = this.toCell(v))));
    return out;
  }

  private toCell(v: unknown): Cell {
    if (v === '' || v === null || v === undefined) return null;
    if (typeof v === 'object' && typeof (v as Date).getTime === 'function') {
      if (!this.zone) this.zone = this.zoneOf ? this.zoneOf() : new ZoneConverter(this.sheet.getParent().getSpreadsheetTimeZone());
      return this.zone.dateToSerial(v as Date);
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return String(v);
  }

  // ---------------------------------------------------------------- grid
  private gridSize(): { rows: number; cols: number } {
    if (!this.grid) this.grid = { rows: this.sheet.getMaxRows(), cols: this.sheet.getMaxColumns() };
    return this.grid;
  }

  private readonly grow: GridGrower = (lastRow, lastCol) => this.ensureGrid(lastRow, lastCol);

  private ensureGrid(lastRow: number, lastCol: number): void {
    const g = this.gridSize();
    if (lastRow > g.rows) {
      const add = lastRow - g.rows + GRID_SLACK_ROWS;
      this.sheet.insertRowsAfter(g.rows, add);
      g.rows += add;
    }
    if (lastCol > g.cols) {
      this.sheet.insertColumnsAfter(g.cols, lastCol - g.cols);
      g.cols = lastCol;
    }
  }

  private range(b: CellBlock): GoogleAppsScript.Spreadsheet.Range {
    this.ensureGrid(b.row + b.numRows - 1, b.col + b.numCols - 1);
    return this.sheet.getRange(b.row, b.col, b.numRows, b.numCols);
  }

  // ---------------------------------------------------------------- cells
  writeBlock(row: number, col: number, values: Cell[][], formats?: string[] | string[][]): void {
    if (!values.length || !values[0].length) return;
    const range = this.range({ row, col, numRows: values.length, numCols: values[0].length });
    if (formats && formats.length) {
      const grid = Array.isArray(formats[0]) ? (formats as string[][]) : values.map(() => formats as string[]);
      range.setNumberFormats(grid);
    }
    range.setValues(values.map((line) => line.map((v) => (v === null ? '' : v))));
  }

  styleBlock(block: CellBlock, style: BlockStyle): void {
    const r = this.range(block);
    if (style.backgrounds) r.setBackgrounds(style.backgrounds as string[][]);
    else if (style.background !== undefined) r.setBackground(style.background);
    if (style.fontColors) r.setFontColors(style.fontColors as string[][]);
    else if (style.fontColor !== undefined) r.setFontColor(style.fontColor as string);
    if (style.bold !== undefined) r.setFontWeight(style.bold ? 'bold' : 'normal');
    if (style.italic !== undefined) r.setFontStyle(style.italic ? 'italic' : 'normal');
    if (style.fontSize !== undefined) r.setFontSize(style.fontSize);
    if (style.align !== undefined) r.setHorizontalAlignment(style.align);
    if (style.verticalAlign !== undefined) r.setVerticalAlignment(style.verticalAlign);
    if (style.wrap !== undefined) r.setWrap(style.wrap);
    if (style.numberFormat !== undefined) r.setNumberFormat(style.numberFormat);
  }

  mergeBlock(block: CellBlock): void {
    this.range(block).merge();
  }

  setChoices(row: number, col: number, choices: string[], numRows = 1, numCols = 1): void {
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(choices, true).setAllowInvalid(false).build();
    this.range({ row, col, numRows, numCols }).setDataValidation(rule);
  }

  setColumnWidths(firstCol: number, widthsPx: number[]): void {
    if (!widthsPx.length) return;
    this.ensureGrid(1, firstCol + widthsPx.length - 1);
    let i = 0;
    while (i < widthsPx.length) {
      let j = i + 1;
      while (j < widthsPx.length && widthsPx[j] === widthsPx[i]) j++;
      if (j - i === 1) this.sheet.setColumnWidth(firstCol + i, widthsPx[i]);
      else this.sheet.setColumnWidths(firstCol + i, j - i, widthsPx[i]);
      i = j;
    }
  }

  freezeRows(count: number): void {
    this.sheet.setFrozenRows(count);
  }

  clearContentsAndFormats(block?: CellBlock): void {
    const g = this.gridSize();
    const r = block ? this.range(block) : this.sheet.getRange(1, 1, g.rows, g.cols);
    try {
      r.breakApart();
    } catch {
      // A merge reaching across the block's edge (the seller's): Sheets refuses to split the
      // block at once, so split the merges that lie inside it one by one and leave that one.
      const b = block ?? { row: 1, col: 1, numRows: g.rows, numCols: g.cols };
      for (const m of r.getMergedRanges()) {
        const inside =
          m.getRow() >= b.row && m.getColumn() >= b.col && m.getLastRow() <= b.row + b.numRows - 1 && m.getLastColumn() <= b.col + b.numCols - 1;
        if (inside) m.breakApart();
      }
    }
    if (block) r.clear();
    else this.sheet.clear();
  }

  // ---------------------------------------------------------------- the add-on's objects
  private readMeta(): { handle: DeveloperMetadata | null; state: MetaState; added: boolean } {
    if (this.meta) return this.meta;
    const found = this.findMeta();
    let state: MetaState = { c: [], r: [] };
    if (found.length) {
      try {
        const parsed = JSON.parse(found[0].getValue() || '{}') as Partial<MetaState>;
        state = { c: Array.isArray(parsed.c) ? parsed.c : [], r: Array.isArray(parsed.r) ? parsed.r : [] };
      } catch {
        /* a damaged entry: nothing counts as the add-on's */
      }
      for (const extra of found.slice(1)) extra.remove();
    }
    this.meta = { handle: found[0] ?? null, state, added: false };
    return this.meta;
  }

  private findMeta(): DeveloperMetadata[] {
    return this.sheet.createDeveloperMetadataFinder().withKey(DASHBOARD_META_KEY).find();
  }

  private writeMeta(state: MetaState): void {
    const m = this.readMeta();
    const json = JSON.stringify(state);
    // an entry added earlier in this execution is looked up only when written again
    if (!m.handle && m.added) m.handle = this.findMeta()[0] ?? null;
    if (m.handle) m.handle.setValue(json);
    else {
      this.sheet.addDeveloperMetadata(DASHBOARD_META_KEY, json);
      m.added = true;
    }
    m.state = state;
  }

  replaceCharts(specs: ChartSpec[]): ReplaceResult {
    const state = this.readMeta().state;
    const charts = this.sheet.getCharts();
    const byId = new Map<number, EmbeddedChart>();
    for (const c of charts) {
      const id = c.getChartId();
      if (id !== null) byId.set(id, c);
    }
    const ours = state.c.filter((e) => byId.has(e.id));
    const hashes = specs.map(chartHash);
    const kept = new Map<number, { id: number; h: string }>(); // spec index -> entry
    const used = new Set<number>();
    hashes.forEach((h, i) => {
      const e = ours.find((x) => x.h === h && !used.has(x.id));
      if (e) {
        kept.set(i, e);
        used.add(e.id);
      }
    });
    const toRemove = ours.filter((e) => !used.has(e.id));
    for (const e of toRemove) this.sheet.removeChart(byId.get(e.id)!);
    const toMake = specs.map((s, i) => i).filter((i) => !kept.has(i));
    for (const i of toMake) this.sheet.insertChart(buildChart(this.sheet, specs[i], this.grow));
    const entries: { id: number; h: string }[] = [];
    if (toMake.length) {
      // learn the new charts' ids: those not seen before, matched to their specs by anchor
      const before = new Set(byId.keys());
      const fresh = this.sheet
        .getCharts()
        .map((c) => ({ c, id: c.getChartId() }))
        .filter((x): x is { c: EmbeddedChart; id: number } => x.id !== null && !before.has(x.id));
      // one new chart needs no matching; several are told apart by their anchor cells
      const anchors =
        fresh.length === 1
          ? [{ id: fresh[0].id, row: specs[toMake[0]].anchorRow, col: specs[toMake[0]].anchorCol, taken: false }]
          : fresh.map((x) => {
              const info = x.c.getContainerInfo();
              return { id: x.id, row: info.getAnchorRow(), col: info.getAnchorColumn(), taken: false };
            });
      for (const i of toMake) {
        const s = specs[i];
        const a = anchors.find((x) => !x.taken && x.row === s.anchorRow && x.col === s.anchorCol) ?? anchors.find((x) => !x.taken);
        if (!a) continue;
        a.taken = true;
        kept.set(i, { id: a.id, h: hashes[i] });
      }
    }
    specs.forEach((_, i) => {
      const e = kept.get(i);
      if (e) entries.push(e);
    });
    const changed = toRemove.length > 0 || toMake.length > 0 || entries.length !== state.c.length;
    if (changed) this.writeMeta({ c: entries, r: state.r });
    return { kept: specs.length - toMake.length, removed: toRemove.length, created: toMake.length };
  }


  replaceConditionalRules(rules: ConditionalRuleSpec[]): ReplaceResult {
    const state = this.readMeta().state;
    const recordedA1 = new Set(state.r.map((e) => e.a));
    const recorded = new Set(state.r.map((e) => e.k));
    const current = this.sheet.getConditionalFormatRules();
    const sellers: ConditionalFormatRule[] = [];
    const oursFound: string[] = [];
    for (const rule of current) {
      let mine = false;
      if (recorded.size) {
        const a1s = rule.getRanges().map((r) => r.getA1Notation());
        // the criteria are read only for rules on the add-on's ranges
        const cond = recordedA1.has(fingerprint(a1s.join(','))) ? rule.getBooleanCondition() : null;
        if (cond) {
          const k = ruleIdentity(a1s, String(cond.getCriteriaType()), cond.getCriteriaValues());
          if (recorded.has(k)) {
            mine = true;
            oursFound.push(k);
          }
        }
      }
      if (!mine) sellers.push(rule);
    }
    const wanted = rules.map((spec) => {
      const c = ruleCriteria(spec.when);
      const a1s = spec.ranges.map(blockA1);
      return { a: fingerprint(a1s.join(',')), k: ruleIdentity(a1s, c.type, c.values), h: ruleHash(spec) };
    });
    const unchanged =
      oursFound.length === wanted.length &&
      state.r.length === wanted.length &&
      wanted.every((w, i) => w.k === oursFound[i] && state.r[i].k === w.k && state.r[i].h === w.h);
    if (unchanged) return { kept: wanted.length, removed: 0, created: 0 };
    const built = rules.map((spec) => buildRule(this.sheet, spec, this.grow));
    this.sheet.setConditionalFormatRules(sellers.concat(built));
    this.writeMeta({ c: this.readMeta().state.c, r: wanted });
    return { kept: 0, removed: oursFound.length, created: built.length };
  }

}

export class AppsScriptDashboard implements DashboardGateway {
  private zone: ZoneConverter | null = null;

  constructor(private readonly ss: Spreadsheet) {}

  private sheetOf(sheet: Sheet): DashboardSheet {
    return new AppsScriptDashboardSheet(sheet, () => {
      if (!this.zone) this.zone = new ZoneConverter(this.ss.getSpreadsheetTimeZone());
      return this.zone;
    });
  }

  static active(): AppsScriptDashboard {
    return new AppsScriptDashboard(SpreadsheetApp.getActiveSpreadsheet());
  }

  /** A DashboardSheet over a sheet the caller already holds. */
  static wrap(sheet: Sheet): DashboardSheet {
    return new AppsScriptDashboardSheet(sheet);
  }

  findSheet(tagKey: string, tagValue: string): DashboardSheet | null {
    const found = this.ss.createDeveloperMetadataFinder().withKey(tagKey).withValue(tagValue).find();
    for (const md of found) {
      const sheet = md.getLocation().getSheet();
      if (sheet) return this.sheetOf(sheet);
    }
    return null;
  }

  openSheet(name: string, tagKey: string, tagValue: string): DashboardSheet {
    const tagged = this.findSheet(tagKey, tagValue);
    if (tagged) return tagged;
    const same = this.ss.getSheetByName(name);
    if (same && same.getLastRow() === 0 && same.getLastColumn() === 0 && !same.getDeveloperMetadata().some((m) => m.getKey() === tagKey)) {
      same.addDeveloperMetadata(tagKey, tagValue);
      return this.sheetOf(same);
    }
    let free = name;
    for (let k = 2; same && this.ss.getSheetByName(free); k++) free = `${name} (${k})`;
    const sheet = this.ss.insertSheet(free, this.ss.getSheets().length);
    sheet.addDeveloperMetadata(tagKey, tagValue);
    return this.sheetOf(sheet);
  }
}
