/**
 * Planning the writes of an upsert: which sheet rows go in one getValues/setValues pair.
 *
 * A SpreadsheetApp call costs tens of milliseconds whatever its size, a cell a few
 * microseconds: rewriting the unchanged rows between two changed ones (read, then written
 * back as they stand) is cheaper than another call until the gap is large. Gaps are
 * joined smallest first while the extra cells stay within a budget, so a refresh's
 * changed rows land in a handful of blocks however they are spread.
 */
import type { Cell, SheetHandle } from '../gas/types';
import { ColumnSpec, NUMBER_FORMATS, sameCell } from './columns';
import type { TableSpec } from './table-spec';

/** A run of adjacent mapped columns written in one call; `held`: a cell left empty until last. */
export interface Segment {
  specs: ColumnSpec[];
  held?: string;
}

/** Runs of consecutive numbers: [1,2,3,7,8] -> [[1,3],[7,8]]. */
export function runs(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Extra cells (unchanged cells read and written back) one upsert may spend to save calls:
 * ~1 s of Apps Script time at the runtime's cost model (2 µs a cell), i.e. a 7,000-row,
 * 30-column sheet rewritten whole, for far fewer calls than a block per changed row.
 */
export const REWRITE_BUDGET_CELLS = 500000;

/**
 * Joins runs of changed rows across gaps of unchanged rows, smallest gaps first, while
 * the gaps' cells (read and written back: 2 x rows x width) stay within `budgetCells`.
 */
export function mergeRuns(blocks: [number, number][], width: number, budgetCells = REWRITE_BUDGET_CELLS): [number, number][] {
  const gaps: { at: number; size: number }[] = [];
  for (let i = 1; i < blocks.length; i++) gaps.push({ at: blocks[i - 1][1], size: blocks[i][0] - blocks[i - 1][1] - 1 });
  gaps.sort((a, b) => a.size - b.size || a.at - b.at);
  let spent = 0;
  const joinAfter = new Set<number>();
  for (const g of gaps) {
    const cost = 2 * g.size * Math.max(1, width);
    if (spent + cost > budgetCells) break;
    joinAfter.add(g.at);
    spent += cost;
  }
  const merged: [number, number][] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && joinAfter.has(last[1])) last[1] = b[1];
    else merged.push([b[0], b[1]]);
  }
  return merged;
}

/**
 * The mapped columns grouped into runs of adjacent sheet columns (the seller's own
 * columns split them), in the order that keeps a write cut short by a killed
 * execution repairable: whatever tells the next run "this row is done" goes last
 * (the version column; for updates also the key's block, where status and dates sit),
 * and a new row's key goes first, so a half-written new row is found by its key.
 * When a new row's key and version share a block, that block goes first with the
 * version cell left empty (`held`) and the version alone goes last: one more call,
 * only when the seller's columns split the row.
 */
export function segmentsOf(spec: TableSpec, columns: Map<string, number>, kind: 'append' | 'update', only: Set<string> | null = null): Segment[] {
  const byColumn = new Map<number, ColumnSpec>();
  for (const c of spec.columns) {
    if (only && !only.has(c.id)) continue;
    const col = columns.get(c.id);
    if (col) byColumn.set(col, c);
  }
  const segments = runs(Array.from(byColumn.keys()).sort((a, b) => a - b)).map(([from, to]) => {
    const specs: ColumnSpec[] = [];
    for (let col = from; col <= to; col++) specs.push(byColumn.get(col) as ColumnSpec);
    return specs;
  });
  if (segments.length < 2) return segments.map((specs) => ({ specs }));
  const version = spec.versionColumn;
  const hasKey = (specs: ColumnSpec[]) => specs.some((c) => spec.keyColumns.indexOf(c.id) >= 0);
  const hasVersion = (specs: ColumnSpec[]) => specs.some((c) => c.id === version);
  if (kind === 'append') {
    const keyFirst = segments.map((s, i) => ({ s, i })).sort((a, b) => Number(!hasKey(a.s)) - Number(!hasKey(b.s)) || Number(hasVersion(a.s)) - Number(hasVersion(b.s)) || a.i - b.i);
    const ordered: Segment[] = keyFirst.map((x) => ({ specs: x.s }));
    const head = ordered[0];
    if (version && hasKey(head.specs) && hasVersion(head.specs) && head.specs.length > 1) {
      head.held = version;
      ordered.push({ specs: head.specs.filter((c) => c.id === version) });
    }
    return ordered;
  }
  const rank = (specs: ColumnSpec[]) => (hasVersion(specs) ? 3 : hasKey(specs) ? 2 : 1);
  return segments.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => ({ specs: x.s }));
}

/**
 * A SpreadsheetApp call costs about as much time as this many cells read or written
 * (the runtime's model: 2 ms a call, 2 µs a cell; Google's measured cases are of the
 * same order). Used to decide when reading or writing more cells saves a call.
 */
export const CELLS_PER_CALL = 1000;

/**
 * Which of a block's columns (offsets) to write as one run each: the columns where a
 * changed row differs from what the sheet holds, joined across gaps while rewriting
 * the gap's cells costs less than the write call it saves (getRange + setValues).
 */
export function columnRuns(differing: number[], rows: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [from, to] of runs(differing.slice().sort((a, b) => a - b))) {
    const last = out[out.length - 1];
    if (last && (from - last[1] - 1) * rows < 2 * CELLS_PER_CALL) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

/**
 * Read-modify-write of rows `from`..`to` (changed rows with unchanged ones between).
 * Per run of adjacent mapped columns: one read of values and formulas, then only the
 * columns where a changed row differs from the sheet are written (a refresh's changes
 * are a date and a few money or status cells, not whole rows). Unchanged rows go back
 * exactly as read, so what the seller typed there stays; a row holding a formula in the
 * written columns is not written at all (the block is split around it), so formulas stay
 * too. Number formats are set only where text columns are written (so WB text stays
 * text); other cells keep the format they were appended with, or the seller's, and an
 * unchanged row holding text in them is left alone rather than re-parsed by Sheets.
 * The version column's run goes last, so a write cut short by a killed execution leaves
 * the row looking old. Returns cells written.
 */
export function rewriteBlock(
  sheet: SheetHandle,
  segments: Segment[],
  columns: Map<string, number>,
  from: number,
  to: number,
  changedRows: Map<number, Record<string, Cell>>,
  beforeGrow: (extraRows: number, gridColumns: number) => void,
  versionColumn?: string,
): number {
  let cells = 0;
  const rows = to - from + 1;
  for (const { specs } of segments) {
    const col = columns.get(specs[0].id) as number;
    const { values, formulas } = sheet.readBlock(from, col, rows, specs.length);
    const differing = new Set<number>();
    values.forEach((line, i) => {
      const rec = changedRows.get(from + i);
      if (!rec) return;
      specs.forEach((c, k) => {
        if (!differing.has(k) && !sameCell(c.type, line[k] ?? null, rec[c.id] === undefined ? null : rec[c.id])) differing.add(k);
      });
    });
    const version = versionColumn ? specs.findIndex((c) => c.id === versionColumn) : -1;
    const ordered = columnRuns(Array.from(differing), rows).sort((a, b) => Number(a[0] <= version && version <= a[1]) - Number(b[0] <= version && version <= b[1]) || a[0] - b[0]);
    for (const [c0, c1] of ordered) {
      const runSpecs = specs.slice(c0, c1 + 1);
      const hasText = runSpecs.some((c) => c.type === 'text');
      const formats = hasText ? runSpecs.map((c) => NUMBER_FORMATS[c.type]) : null;
      const lines: (Cell[] | null)[] = values.map((line, i) => {
        const rec = changedRows.get(from + i);
        if (rec) return runSpecs.map((c) => (rec[c.id] === undefined ? null : rec[c.id]));
        const kept = line.slice(c0, c1 + 1);
        if (formulas[i].slice(c0, c1 + 1).some((f) => f !== '')) return null;
        if (!hasText && kept.some((v) => typeof v === 'string' && v !== '')) return null;
        return kept;
      });
      for (let i = 0; i < lines.length; ) {
        if (!lines[i]) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < lines.length && lines[j + 1]) j++;
        const part = lines.slice(i, j + 1) as Cell[][];
        sheet.write(from + i, col + c0, part, formats && part.map(() => formats), beforeGrow);
        cells += part.length * runSpecs.length;
        i = j + 1;
      }
    }
  }
  return cells;
}
