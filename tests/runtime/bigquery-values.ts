/**
 * BigQuery's JSON rules for load jobs (NEWLINE_DELIMITED_JSON with an explicit schema),
 * and its REST shape for query results. Each value is checked the way BigQuery's loader
 * checks it (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-json,
 * "JSON data types" / data-types reference) and turned into a DuckDB literal.
 *
 * Enforced:
 * - STRING: JSON strings; numbers and booleans are read as their text; objects/arrays refused.
 * - INT64: a JSON integer or a string of one, within [-2^63, 2^63-1]; fractions refused.
 * - NUMERIC: precision 38, scale 9 (at most 29 integer digits, at most 9 decimals):
 *   JSON numbers or strings; more is refused (never silently rounded).
 * - FLOAT64: numbers or numeric strings ("NaN", "Infinity", "-Infinity" too).
 * - BOOL: true/false, or the strings "true"/"false" (any case).
 * - DATE: 'YYYY-MM-DD', a real calendar day in years 0001-9999.
 * - DATETIME: 'YYYY-MM-DD[ T]HH:MM:SS[.ffffff]' (up to microseconds), no offset.
 * - TIMESTAMP: the same with an offset (Z, ±HH:MM, ±HH) or none (UTC), or epoch seconds as a number.
 * - A REQUIRED field that is missing or null refuses the row; a field the schema does not
 *   have refuses the row unless ignoreUnknownValues.
 */
import type { BqType } from '../../src/gas/bigquery-port';

export interface SchemaField {
  name: string;
  type: BqType;
  mode: 'NULLABLE' | 'REQUIRED';
}

/** Legacy REST names BigQuery also accepts (and returns in schemas). */
const TYPE_ALIASES: Record<string, BqType> = {
  STRING: 'STRING',
  NUMERIC: 'NUMERIC',
  INT64: 'INT64',
  INTEGER: 'INT64',
  FLOAT64: 'FLOAT64',
  FLOAT: 'FLOAT64',
  BOOL: 'BOOL',
  BOOLEAN: 'BOOL',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  TIMESTAMP: 'TIMESTAMP',
};

export function normalType(t: unknown): BqType | null {
  return typeof t === 'string' ? (TYPE_ALIASES[t.toUpperCase()] ?? null) : null;
}

/** What tables.get and query schemas say (REST's legacy names). */
export function restType(t: BqType): string {
  return t === 'INT64' ? 'INTEGER' : t === 'FLOAT64' ? 'FLOAT' : t === 'BOOL' ? 'BOOLEAN' : t;
}

export function duckType(t: BqType): string {
  switch (t) {
    case 'STRING':
      return 'VARCHAR';
    case 'NUMERIC':
      return 'DECIMAL(38,9)';
    case 'INT64':
      return 'BIGINT';
    case 'FLOAT64':
      return 'DOUBLE';
    case 'BOOL':
      return 'BOOLEAN';
    case 'DATE':
      return 'DATE';
    case 'DATETIME':
      return 'TIMESTAMP';
    case 'TIMESTAMP':
      return 'TIMESTAMPTZ';
  }
}

export class ValueError extends Error {}

const INT64_MAX = BigInt('9223372036854775807');
const INT64_MIN = BigInt('-9223372036854775808');

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(2000, m, 0)).getUTCDate();
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : dim);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?))?$/i;

function checkClock(h: string, mi: string, s: string): boolean {
  return +h <= 23 && +mi <= 59 && +s <= 59;
}

/** Decimal text of a JSON number or string for NUMERIC (exact, exponent expanded). */
function decimalText(v: number | string): string | null {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (!m[2] && !m[3])) return null;
  let int = m[2] || '0';
  let frac = m[3] ?? '';
  const exp = m[4] ? parseInt(m[4], 10) : 0;
  if (Math.abs(exp) > 100) return null;
  if (exp > 0) {
    frac = frac.padEnd(exp, '0');
    int += frac.slice(0, exp);
    frac = frac.slice(exp);
  } else if (exp < 0) {
    int = int.padStart(-exp + 1, '0');
    frac = int.slice(int.length + exp) + frac;
    int = int.slice(0, int.length + exp);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return `${m[1] === '-' ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}

/**
 * One JSON value as the canonical text DuckDB reads for the column's type (null for NULL),
 * or a ValueError with BigQuery's kind of text.
 */
export function jsonToText(v: unknown, f: SchemaField): string | null {
  if (v === null || v === undefined) {
    if (f.mode === 'REQUIRED') throw new ValueError(`Missing required field: ${f.name}.`);
    return null;
  }
  if (Array.isArray(v)) throw new ValueError(`Array specified for non-repeated field: ${f.name}.`);
  if (typeof v === 'object') throw new ValueError(`Cannot convert value to ${f.type}: field ${f.name} is not a RECORD.`);
  const bad = (): never => {
    throw new ValueError(`Could not parse '${String(v).slice(0, 100)}' as ${f.type} for field ${f.name}.`);
  };
  switch (f.type) {
    case 'STRING':
      return String(v);
    case 'INT64': {
      const s = typeof v === 'number' ? (Number.isSafeInteger(v) ? String(v) : bad()) : typeof v === 'string' ? v.trim() : bad();
      if (!/^[+-]?\d+$/.test(s)) bad();
      const b = BigInt(s);
      if (b > INT64_MAX || b < INT64_MIN) bad();
      return b.toString();
    }
    case 'NUMERIC': {
      if (typeof v !== 'number' && typeof v !== 'string') bad();
      const d = decimalText(v as number | string);
      if (d === null) return bad();
      const [int, frac = ''] = d.replace('-', '').split('.');
      if (int.length > 29 || frac.length > 9) {
        throw new ValueError(`Invalid NUMERIC value: ${String(v).slice(0, 100)} for field ${f.name} (precision 38, scale 9).`);
      }
      return d;
    }
    case 'FLOAT64': {
      if (typeof v === 'number') return Number.isFinite(v) ? String(v) : bad();
      if (typeof v !== 'string') return bad();
      const s = v.trim();
      if (/^NaN$/i.test(s)) return 'NaN';
      if (/^[+]?(Infinity|inf)$/i.test(s)) return 'Infinity';
      if (/^-(Infinity|inf)$/i.test(s)) return '-Infinity';
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) bad();
      return String(Number(s));
    }
    case 'BOOL':
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase();
      return bad();
    case 'DATE': {
      const m = typeof v === 'string' ? DATE_RE.exec(v.trim()) : null;
      if (!m || !validDay(+m[1], +m[2], +m[3])) bad();
      return m![0];
    }
    case 'DATETIME': {
      const m = typeof v === 'string' ? DATETIME_RE.exec(v.trim()) : null;
      if (!m || !validDay(+m[1], +m[2], +m[3]) || !checkClock(m[4], m[5], m[6])) bad();
      return `${m![1]}-${m![2]}-${m![3]} ${m![4]}:${m![5]}:${m![6]}${m![7] ?? ''}`;
    }
    case 'TIMESTAMP': {
      if (typeof v === 'number') {
        // epoch seconds, as BigQuery's JSON loader accepts them
        if (!Number.isFinite(v)) bad();
        const us = Math.round(v * 1e6);
        const ms = Math.floor(us / 1000);
        const iso = new Date(ms).toISOString();
        if (iso.startsWith('-') || iso.startsWith('+')) bad();
        return `${iso.slice(0, 19).replace('T', ' ')}.${String(((us % 1e6) + 1e6) % 1e6).padStart(6, '0')}+00:00`;
      }
      const m = typeof v === 'string' ? TIMESTAMP_RE.exec(v.trim()) : null;
      if (!m || !validDay(+m[1], +m[2], +m[3]) || !checkClock(m[4], m[5], m[6])) bad();
      let off = (m![8] ?? 'Z').toUpperCase();
      if (off === 'Z' || off === 'UTC') off = '+00:00';
      else if (/^[+-]\d{2}$/.test(off)) off += ':00';
      else if (/^[+-]\d{4}$/.test(off)) off = `${off.slice(0, 3)}:${off.slice(3)}`;
      return `${m![1]}-${m![2]}-${m![3]} ${m![4]}:${m![5]}:${m![6]}${m![7] ?? ''}${off}`;
    }
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian day (any year 1-9999). */
function epochDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function micros(date: string, time: string, frac: string | undefined): bigint {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  const us = (frac ?? '').replace('.', '').padEnd(6, '0');
  return BigInt(epochDays(y, mo, d)) * BigInt(86400000000) + BigInt(h * 3600 + mi * 60 + s) * BigInt(1000000) + BigInt(us || '0');
}

/** A canonical text (jsonToText) as the primitive SyncDuck.append takes for the type. */
export function appendValue(text: string | null, type: BqType): string | number | boolean | null {
  if (text === null) return null;
  switch (type) {
    case 'STRING':
    case 'INT64':
      return text;
    case 'NUMERIC': {
      const neg = text.startsWith('-');
      const [int, frac = ''] = text.replace('-', '').split('.');
      const scaled = (int + frac.padEnd(9, '0')).replace(/^0+(?=\d)/, '');
      return neg && scaled !== '0' ? '-' + scaled : scaled;
    }
    case 'FLOAT64':
      return Number(text);
    case 'BOOL':
      return text === 'true';
    case 'DATE': {
      const [y, m, d] = text.split('-').map(Number);
      return epochDays(y, m, d);
    }
    case 'DATETIME': {
      const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text)!;
      return micros(m[1], m[2], m[3]).toString();
    }
    case 'TIMESTAMP': {
      const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?([+-])(\d{2}):(\d{2})$/.exec(text)!;
      const off = BigInt((Number(m[5]) * 60 + Number(m[6])) * 60) * BigInt(1000000);
      return (micros(m[1], m[2], m[3]) - (m[4] === '-' ? -off : off)).toString();
    }
  }
}

/** Java's Double.toString for epoch seconds, as BigQuery's REST API writes TIMESTAMP values. */
export function javaDouble(x: number): string {
  if (x === 0) return '0.0';
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e7) {
    const s = String(x);
    return s.includes('.') || s.includes('e') ? s : s + '.0';
  }
  const [mant, exp] = x.toExponential().split('e');
  return `${mant.includes('.') ? mant : mant + '.0'}E${parseInt(exp, 10)}`;
}

/** A DuckDB result value (getRowsJson) in BigQuery's REST shape for a column of `duckTypeName`. */
export function restValue(v: unknown, duckTypeName: string, useInt64Timestamp = false): string | null {
  if (v === null || v === undefined) return null;
  const t = duckTypeName.toUpperCase();
  if (t.startsWith('DECIMAL')) {
    const s = String(v);
    return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  }
  if (t === 'TIMESTAMP WITH TIME ZONE') {
    const us = isoToMicros(String(v));
    if (useInt64Timestamp) return us.toString();
    return javaDouble(Number(us) / 1e6);
  }
  if (t === 'TIMESTAMP') return String(v).replace(' ', 'T');
  if (t === 'BOOLEAN') return v ? 'true' : 'false';
  if (t === 'DOUBLE' || t === 'FLOAT') {
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isNaN(n)) return 'NaN';
    if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
    return String(n);
  }
  return String(v);
}

/** BigQuery's schema type for a DuckDB result column. */
export function restTypeOfDuck(duckTypeName: string): string {
  const t = duckTypeName.toUpperCase();
  if (t.startsWith('DECIMAL')) return 'NUMERIC';
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/.test(t)) return 'INTEGER';
  if (t === 'DOUBLE' || t === 'FLOAT') return 'FLOAT';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t === 'DATE') return 'DATE';
  if (t === 'TIMESTAMP') return 'DATETIME';
  if (t === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMP';
  return 'STRING';
}

/** '2026-01-02 00:04:05.5+00' (DuckDB, TimeZone UTC) -> epoch microseconds. */
function isoToMicros(s: string): bigint {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-]\d{2})(?::?(\d{2}))?)?$/.exec(s);
  if (!m) throw new Error(`unexpected DuckDB timestamp ${s}`);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const off = m[8] ? (parseInt(m[8], 10) * 60 + Math.sign(parseInt(m[8], 10) || 1) * (m[9] ? parseInt(m[9], 10) : 0)) * 60000 : 0;
  return BigInt(ms - off) * BigInt(1000) + BigInt((m[7] ?? '').padEnd(6, '0') || '0');
}
