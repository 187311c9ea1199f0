/**
 * Sheet records <-> BigQuery rows. A record is what the sheet holds (dates as Moscow
 * wall-clock serials, numbers as numbers); a load sends it as one NDJSON line in the
 * table's types, and a query's answer comes back to the same record, so the daily
 * totals computed from BigQuery go through the very code that sums the sheet's rows.
 */
import type { BqField } from '../gas/bigquery-port';
import type { Cell } from '../gas/types';
import type { ReportSpec } from '../reports/types';
import { MOSCOW_OFFSET_MS, formatWall, serialToWallMs, wallMsToSerial } from '../wb/moscow-time';
import { SYNCED_AT, TIMESTAMP_SUFFIX, bqFields } from './schema';

/** "YYYY-MM-DD HH:MM:SS" of a wall-clock serial (BigQuery's DATETIME literal). */
export function datetimeText(serial: number): string {
  return formatWall(serialToWallMs(serial)).replace('T', ' ');
}

/** The instant a Moscow wall-clock serial stands for, as an ISO UTC timestamp. */
export function timestampText(serial: number): string {
  return new Date(serialToWallMs(serial) - MOSCOW_OFFSET_MS).toISOString();
}

/** A decimal BigQuery's NUMERIC takes as written: no exponent, at most 9 decimals. */
export function numericText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(9).replace(/\.?0+$/, '');
}

function value(field: BqField, cell: Cell): unknown {
  // WB's empty text stays empty text, as in the sheet; an empty cell of another type is NULL.
  if (field.type === 'STRING' && cell === '') return '';
  if (cell === null || cell === undefined || cell === '') return null;
  switch (field.type) {
    case 'STRING':
      return typeof cell === 'number' ? numericText(cell) : String(cell);
    case 'NUMERIC':
      return typeof cell === 'number' ? numericText(cell) : null;
    case 'INT64':
      return typeof cell === 'number' ? Math.round(cell) : null;
    case 'FLOAT64':
      return typeof cell === 'number' ? cell : null;
    case 'BOOL':
      return typeof cell === 'boolean' ? cell : null;
    case 'DATETIME':
      return typeof cell === 'number' ? datetimeText(cell) : null;
    case 'DATE':
      return typeof cell === 'number' ? datetimeText(cell).slice(0, 10) : null;
    case 'TIMESTAMP':
      return typeof cell === 'number' ? timestampText(cell) : null;
  }
}

/** One NDJSON line per record, `_synced_at` set to `syncedAt` (epoch ms). */
export function toNdjson(spec: ReportSpec, records: Record<string, Cell>[], syncedAt: number, fields: BqField[] = bqFields(spec)): string {
  const synced = new Date(syncedAt).toISOString();
  const lines: string[] = [];
  for (const r of records) {
    const row: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.name === SYNCED_AT) continue;
      const source = f.type === 'TIMESTAMP' && f.name.endsWith(TIMESTAMP_SUFFIX) ? f.name.slice(0, -TIMESTAMP_SUFFIX.length) : f.name;
      const v = value(f, r[source] as Cell);
      if (v !== null) row[f.name] = v;
    }
    row[SYNCED_AT] = synced;
    lines.push(JSON.stringify(row));
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** "YYYY-MM-DD[ T]HH:MM:SS[.fff]" -> wall-clock serial; null when not a date. */
function serialOfText(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0), m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0);
  return wallMsToSerial(ms);
}

/**
 * A query's row (REST values: strings or null) back to the sheet's record, by the
 * report's column types: what the sheet would hold for the same WB row.
 */
export function recordFromBq(spec: ReportSpec, names: string[], values: (string | null)[]): Record<string, Cell> {
  const at = new Map<string, number>();
  names.forEach((n, i) => at.set(n, i));
  const out: Record<string, Cell> = {};
  for (const c of spec.columns) {
    const i = at.get(c.id);
    const v = i === undefined ? null : values[i];
    if (v === null || v === undefined) {
      out[c.id] = null;
      continue;
    }
    switch (c.type) {
      case 'money':
      case 'int':
      case 'number':
        out[c.id] = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim()) ? Number(v) : null;
        break;
      case 'datetime':
      case 'date':
        out[c.id] = serialOfText(v);
        break;
      case 'bool':
        out[c.id] = v === 'true' ? true : v === 'false' ? false : null;
        break;
      default:
        out[c.id] = v;
    }
  }
  return out;
}
