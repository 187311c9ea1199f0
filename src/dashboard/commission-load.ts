/** Reads what the commission check needs: the realization sheet's sale rows and the stored tariff. */
import { KeyValueStore, SpreadsheetGateway } from '../gas/types';
import { REALIZATION } from '../reports/realization';
import { SheetTable } from '../store/table';
import { loadCommissionRates } from '../sync/commission-rates';
import { COMMISSION_IDS, CommissionCheck, commissionLines } from './commission-check';

export function loadCommissionCheck(gateway: SpreadsheetGateway, props: KeyValueStore, from: number, to: number): CommissionCheck {
  const stored = loadCommissionRates(props);
  const haveRates = !!stored && Object.keys(stored.rates).length > 0;
  const table = haveRates ? SheetTable.find(gateway, REALIZATION) : null;
  const lines = table && stored ? commissionLines(table.readRecords(COMMISSION_IDS), stored.rates, from, to) : [];
  return { lines, haveRates, noKey: !!stored && !!stored.noKey };
}
