/**
 * A report: which endpoint feeds it, its row key, its columns and how a WB row
 * becomes cells.
 */
import { Cell } from '../gas/types';
import { EndpointId } from '../wb/endpoints';
import { ColumnSpec } from '../store/columns';



/** How a report is fetched: by change cursor, async snapshot task, supply list, or realization period. */

export type ReportId = 'orders' | 'sales' | 'stocks' | 'supplies' | 'realization' | 'reviews' | 'funnel' | 'search' | 'ads' | 'paidStorage' | 'acceptance';

/** How a report is fetched: by change cursor, async snapshot task, supply list, or realization period. */
export type ReportMode = 'changes' | 'snapshot' | 'supplies' | 'realization' | 'reviews' | 'funnel' | 'search' | 'ads' | 'paid' | 'derived';

export interface ReportSpec {
  id: string;
  mode: ReportMode;
  /** The endpoint a refresh starts with (its bucket decides when the report may refresh). */
  endpoint: EndpointId;
  title: { ru: string; en: string };
  /** Columns whose values together identify a row. */
  keyColumns: string[];
  /** The row's identity when the key columns alone do not give it (see TableSpec.keyOf). */
  keyOf?: (record: Record<string, Cell>) => string | null;
  /** A column WB bumps on every change of the row (see TableSpec.versionColumn). */
  versionColumn?: string;
  /** Columns WB fills in later without bumping the version column (see TableSpec.silentColumns). */
  silentColumns?: string[];
  columns: ReportColumn[];
}

export interface ReportColumn extends ColumnSpec {
  /** Cell value of this column for one WB row; `locale` only for derived labels. */
  value(row: Record<string, unknown>, locale: 'ru' | 'en'): Cell;
}
