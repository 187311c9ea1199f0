/**
 * A report: which endpoint feeds it, its row key, its columns and how a WB row
 * becomes cells.
 */
import { Cell } from '../gas/types';
import { EndpointId } from '../wb/endpoints';
import { ColumnSpec } from '../store/columns';

export type ReportId = 'orders' | 'sales';

export interface ReportSpec {
  id: ReportId;
  endpoint: EndpointId;
  title: { ru: string; en: string };
  /** Column id whose value identifies a row. */
  keyColumn: string;
  columns: ReportColumn[];
}

export interface ReportColumn extends ColumnSpec {
  /** Cell value of this column for one WB row; `locale` only for derived labels. */
  value(row: Record<string, unknown>, locale: 'ru' | 'en'): Cell;
}
