/**
 * A report's BigQuery table, derived from its sheet columns (never hand-copied): the
 * same columns and types as the sheet, so SQL and the sheet say the same thing. Money is
 * NUMERIC (exact decimals), ids STRING (WB's ids may pass 2^53 and are never summed),
 * date-times DATETIME in Moscow wall clock as the sheet shows them plus a `<col>_ts`
 * TIMESTAMP of the same instant, `_synced_at` the load's time. Partitioned by the day of
 * the report's own date, clustered by nmId where the report has one.
 */
import type { BqField, BqTableSpec, BqType } from '../gas/bigquery-port';
import type { ReportColumn, ReportSpec } from '../reports/types';

export const SYNCED_AT = '_synced_at';
export const TIMESTAMP_SUFFIX = '_ts';

/** An integer column that names something rather than counts it (nmId, incomeID, chrtId, ...). */
export function isIdColumn(column: ReportColumn, spec: ReportSpec): boolean {
  return /(Id|ID|id)$/.test(column.id) || spec.keyColumns.indexOf(column.id) >= 0;
}

export function bqTypeOf(column: ReportColumn, spec: ReportSpec): BqType {
  switch (column.type) {
    case 'money':
      return 'NUMERIC';
    case 'int':
      return isIdColumn(column, spec) ? 'STRING' : 'INT64';
    case 'number':
      return 'FLOAT64';
    case 'datetime':
      return 'DATETIME';
    case 'date':
      return 'DATE';
    case 'bool':
      return 'BOOL';
    default:
      return 'STRING';
  }
}

/** BigQuery's table names: letters, digits, underscores. */
export function tableName(spec: ReportSpec): string {
  return 'wb_' + spec.id.replace(/[^A-Za-z0-9]/g, '_').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function viewName(spec: ReportSpec): string {
  return tableName(spec) + '_latest';
}

export function bqFields(spec: ReportSpec): BqField[] {
  const out: BqField[] = [];
  for (const c of spec.columns) {
    const type = bqTypeOf(c, spec);
    out.push({ name: c.id, type, description: c.en });
    if (type === 'DATETIME') out.push({ name: c.id + TIMESTAMP_SUFFIX, type: 'TIMESTAMP', description: c.en + ' (instant)' });
  }
  out.push({ name: SYNCED_AT, type: 'TIMESTAMP', mode: 'REQUIRED', description: 'When the add-on loaded the row' });
  return out;
}

/** The column whose day partitions the table: the report's first date column, else the load time. */
export function partitionField(spec: ReportSpec, fields: BqField[] = bqFields(spec)): string {
  const preferred = ['date', 'day', 'rrDate', 'shkCreateDate'];
  for (const name of preferred) {
    const f = fields.find((x) => x.name === name);
    if (f && (f.type === 'DATETIME' || f.type === 'DATE')) return name;
  }
  const first = fields.find((f) => f.type === 'DATETIME' || f.type === 'DATE');
  return first ? first.name : SYNCED_AT;
}

export function bqTableSpec(spec: ReportSpec): BqTableSpec {
  const fields = bqFields(spec);
  const nm = fields.find((f) => f.name === 'nmId' || f.name === 'nmID');
  return {
    table: tableName(spec),
    fields,
    partitionField: partitionField(spec, fields),
    clusterFields: nm ? [nm.name] : [],
    description: spec.title.en + ' (WB Sheets)',
  };
}
