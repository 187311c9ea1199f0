/** Reads what the commission check needs: the realization sheet's sale rows and the stored tariff. */
import { Cell, KeyValueStore, SpreadsheetGateway } from '../gas/types';
import { REALIZATION } from '../reports/realization';
import { SheetTable } from '../store/table';
import { loadCommissionRates } from '../sync/commission-rates';
import { COMMISSION_IDS, CommissionCheck, commissionLines } from './commission-check';

/** `rows`: the period's sale rows from elsewhere (BigQuery, when the raw sheet keeps only the last days). */
export function loadCommissionCheck(gateway: SpreadsheetGateway, props: KeyValueStore, from: number, to: number, rows?: () => Record<string, Cell>[] | null): CommissionCheck {
  const stored = loadCommissionRates(props);
  const haveRates = !!stored && Object.keys(stored.rates).length > 0;
  const table = haveRates ? SheetTable.find(gateway, REALIZATION) : null;
  const records = !table ? null : rows ? rows() : table.readRecords(COMMISSION_IDS);
  const lines = records && stored ? commissionLines(records, stored.rates, from, to) : [];
  return { lines, haveRates, noKey: !!stored && !!stored.noKey };
}
