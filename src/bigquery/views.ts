/**
 * One view per table with exactly one row per WB key: the newest version of the row
 * (by the report's version column, then by load time). A batch re-sent after a killed
 * execution, or a row WB changed later, leaves older copies in the table; readers of
 * the view (Looker Studio, Connected Sheets, SQL, the daily table) never see them.
 * The SQL keeps to the subset BigQuery and the offline DuckDB engine both accept:
 * ROW_NUMBER in a subquery (no QUALIFY, no SELECT * EXCEPT), columns named one by one.
 */
import type { ReportSpec } from '../reports/types';
import { SYNCED_AT, bqFields, tableName } from './schema';

export function tableRef(project: string, dataset: string, table: string): string {
  return '`' + project + '.' + dataset + '.' + table + '`';
}

export function viewSql(spec: ReportSpec, project: string, dataset: string): string {
  const columns = bqFields(spec).map((f) => f.name);
  const keys = spec.keyColumns.length ? spec.keyColumns : [SYNCED_AT];
  const order = (spec.versionColumn ? [spec.versionColumn + ' DESC NULLS LAST'] : []).concat([SYNCED_AT + ' DESC']);
  return (
    'SELECT ' + columns.join(', ') +
    ' FROM (SELECT ' + columns.join(', ') + ', ROW_NUMBER() OVER (PARTITION BY ' + keys.join(', ') + ' ORDER BY ' + order.join(', ') + ') AS _rn' +
    ' FROM ' + tableRef(project, dataset, tableName(spec)) + ') AS t WHERE _rn = 1'
  );
}
