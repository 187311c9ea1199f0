/**
 * Typed cell builders: a missing or odd WB field gives an empty cell, never a crash
 * and never a misleading number.
 */
import { Cell } from '../gas/types';
import { ColumnType } from '../store/columns';
import { parseWbMoscow, wallMsToSerial } from '../wb/moscow-time';
import { ReportColumn } from './types';

export function textCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function numberCell(v: unknown): Cell {
  if (typeof v === 'number' && isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/**
 * Money, which the Finance API sends as decimal strings ("1098.61"): the nearest double
 * to the decimal WB wrote, every digit kept. Rounding to the kopeck here would lose the
 * third decimal WB sends for some amounts (rebillLogisticCost "1.349").
 */
export function moneyCell(v: unknown): Cell {
  return numberCell(v);
}

export function boolCell(v: unknown): Cell {
  return typeof v === 'boolean' ? v : null;
}

/** WB Moscow date-time -> serial of the same wall clock; WB's zero date -> empty. */
export function dateTimeCell(v: unknown): Cell {
  const wall = parseWbMoscow(v);
  return wall === null ? null : wallMsToSerial(wall);
}

const BUILDERS: Record<ColumnType, (v: unknown) => Cell> = {
  text: textCell,
  int: numberCell,
  number: numberCell,
  money: moneyCell,
  datetime: dateTimeCell,
  date: dateTimeCell,
  bool: boolCell,
};

/** A column that shows one WB field as it is. */
export function field(name: string, type: ColumnType, ru: string, en: string): ReportColumn {
  const build = BUILDERS[type];
  return { id: name, type, ru, en, value: (row) => build(row[name]) };
}
