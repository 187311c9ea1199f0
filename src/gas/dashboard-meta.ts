/**
 * How the add-on recognises its own charts and rules on a dashboard sheet: fingerprints
 * of their specs and ranges, kept in a sheet-level developer metadata entry (see
 * dashboard.ts for why metadata and not titles or options).
 */
import { CellBlock, ChartSpec, ConditionalRuleSpec, RuleCondition } from './types';

export const DASHBOARD_META_KEY = 'wb.dashboard.objects';

export interface MetaState {
  /** the add-on's charts: Sheets chart id and the hash of the spec */
  c: { id: number; h: string }[];
  /** the add-on's rules: hash of their ranges (A1), of their identity (ranges, criteria) and of the whole spec */
  r: { a: string; k: string; h: string }[];
}

/** FNV-1a, 32 bit, as 8 hex digits: short fingerprints for the metadata entry. */
export function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return ('0000000' + h.toString(16)).slice(-8);
}

/** JSON with sorted keys, so equal specs give equal text. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return '[' + v.map(stableJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return (
    '{' +
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + stableJson(o[k]))
      .join(',') +
    '}'
  );
}

function letters(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A1 of a block as Range.getA1Notation() gives it. */
export function blockA1(b: CellBlock): string {
  const tl = letters(b.col) + b.row;
  return b.numRows === 1 && b.numCols === 1 ? tl : `${tl}:${letters(b.col + b.numCols - 1)}${b.row + b.numRows - 1}`;
}

/** The BooleanCriteria name and values a rule condition is stored with. */
export function ruleCriteria(when: RuleCondition): { type: string; values: unknown[] } {
  switch (when.kind) {
    case 'lessThan':
      return { type: 'NUMBER_LESS_THAN', values: [when.value] };
    case 'lessThanOrEqual':
      return { type: 'NUMBER_LESS_THAN_OR_EQUAL_TO', values: [when.value] };
    case 'greaterThan':
      return { type: 'NUMBER_GREATER_THAN', values: [when.value] };
    case 'greaterThanOrEqual':
      return { type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', values: [when.value] };
    case 'equal':
      return { type: 'NUMBER_EQUAL_TO', values: [when.value] };
    case 'between':
      return { type: 'NUMBER_BETWEEN', values: [when.min, when.max] };
    case 'empty':
      return { type: 'CELL_EMPTY', values: [] };
    case 'notEmpty':
      return { type: 'CELL_NOT_EMPTY', values: [] };
    case 'textEquals':
      return { type: 'TEXT_EQUAL_TO', values: [when.text] };
    case 'textContains':
      return { type: 'TEXT_CONTAINS', values: [when.text] };
    case 'formula':
      return { type: 'CUSTOM_FORMULA', values: [when.formula] };
  }
}

export function ruleIdentity(a1s: string[], type: string, values: unknown[]): string {
  return fingerprint(`${a1s.join(',')}|${type}|${stableJson(values)}`);
}

export function chartHash(spec: ChartSpec): string {
  return fingerprint(stableJson(spec));
}

export function ruleHash(spec: ConditionalRuleSpec): string {
  return fingerprint(stableJson(spec));
}
