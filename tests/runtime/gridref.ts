/**
 * Rectangles of cells that objects on a sheet hold on to (chart data ranges, conditional
 * format ranges, merges, chart anchors), and how they move when rows or columns are
 * inserted or deleted, as Sheets moves them. Also the Apps Script-style enums the chart
 * and conditional-format services share.
 */
import { cellA1, columnToLetters, quoteSheetName } from './a1';
import type { FakeSheet } from './sheet';

export interface GridRef {
  sheet: FakeSheet;
  r: number;
  c: number;
  nr: number;
  nc: number;
}

export type Dim = 'ROW' | 'COLUMN';

export function cloneRef(g: GridRef): GridRef {
  return { sheet: g.sheet, r: g.r, c: g.c, nr: g.nr, nc: g.nc };
}

export function sameRef(a: GridRef, b: GridRef): boolean {
  return a.sheet === b.sheet && a.r === b.r && a.c === b.c && a.nr === b.nr && a.nc === b.nc;
}

export function refContains(g: GridRef, row: number, col: number): boolean {
  return row >= g.r && row < g.r + g.nr && col >= g.c && col < g.c + g.nc;
}

export function refsIntersect(a: { r: number; c: number; nr: number; nc: number }, b: { r: number; c: number; nr: number; nc: number }): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}

export function refInside(inner: { r: number; c: number; nr: number; nc: number }, outer: { r: number; c: number; nr: number; nc: number }): boolean {
  return inner.r >= outer.r && inner.c >= outer.c && inner.r + inner.nr <= outer.r + outer.nr && inner.c + inner.nc <= outer.c + outer.nc;
}

/** A1 notation of a block ('B2:C9', 'B2' for one cell), optionally with its sheet ('WB Сводка'!B2:C9). */
export function refA1(g: { r: number; c: number; nr: number; nc: number }, sheetName?: string, absolute = false): string {
  const cell = (r: number, c: number) => (absolute ? `$${columnToLetters(c)}$${r}` : cellA1(r, c));
  const body = g.nr === 1 && g.nc === 1 && !absolute ? cell(g.r, g.c) : `${cell(g.r, g.c)}:${cell(g.r + g.nr - 1, g.c + g.nc - 1)}`;
  return sheetName === undefined ? body : `${quoteSheetName(sheetName)}!${body}`;
}

/** Moves a block for `n` rows/columns inserted so that the first new one is `first`. */
export function shiftInsert(g: { r: number; c: number; nr: number; nc: number }, dim: Dim, first: number, n: number): void {
  if (dim === 'ROW') {
    if (g.r >= first) g.r += n;
    else if (g.r + g.nr - 1 >= first) g.nr += n;
  } else {
    if (g.c >= first) g.c += n;
    else if (g.c + g.nc - 1 >= first) g.nc += n;
  }
}

/** Shrinks/moves a block for `n` rows/columns deleted from `first`; false when nothing of it is left. */
export function shiftDelete(g: { r: number; c: number; nr: number; nc: number }, dim: Dim, first: number, n: number): boolean {
  const last = first + n - 1;
  const start = dim === 'ROW' ? g.r : g.c;
  const size = dim === 'ROW' ? g.nr : g.nc;
  const end = start + size - 1;
  const overlap = Math.max(0, Math.min(end, last) - Math.max(start, first) + 1);
  if (overlap >= size) return false;
  const newStart = start > last ? start - n : start >= first ? first : start;
  if (dim === 'ROW') {
    g.r = newStart;
    g.nr = size - overlap;
  } else {
    g.c = newStart;
    g.nc = size - overlap;
  }
  return true;
}

/** An anchor cell (a chart's top-left) for inserted rows/columns. */
export function shiftAnchorInsert(p: { row: number; col: number }, dim: Dim, first: number, n: number): void {
  if (dim === 'ROW' && p.row >= first) p.row += n;
  if (dim === 'COLUMN' && p.col >= first) p.col += n;
}

/** An anchor cell for deleted rows/columns: it stays on the first row/column after the deleted ones. */
export function shiftAnchorDelete(p: { row: number; col: number }, dim: Dim, first: number, n: number): void {
  const last = first + n - 1;
  if (dim === 'ROW') {
    if (p.row > last) p.row -= n;
    else if (p.row >= first) p.row = first;
  } else {
    if (p.col > last) p.col -= n;
    else if (p.col >= first) p.col = first;
  }
}

/** An Apps Script enum value: compares by identity, prints as its name. */
export interface EnumValue {
  readonly name: string;
  toString(): string;
  toJSON(): string;
}

export function makeEnum<K extends string>(names: readonly K[]): Readonly<Record<K, EnumValue>> {
  const out = {} as Record<K, EnumValue>;
  for (const name of names) out[name] = Object.freeze({ name, toString: () => name, toJSON: () => name });
  return Object.freeze(out);
}

/** The name of an enum value of `e`, or undefined when `x` is not one of its values. */
export function enumName(e: Readonly<Record<string, EnumValue>>, x: unknown): string | undefined {
  if (x === null || x === undefined) return undefined;
  for (const k of Object.keys(e)) if (e[k] === x) return k;
  return undefined;
}
