/**
 * The `fields` a realization request names: exactly what the sheet keeps, WB's own
 * field names, and enough for every column (a row trimmed to them maps to the same
 * cells as WB's full row).
 */
import { readFileSync } from 'fs';
import { REALIZATION, REALIZATION_ALL_FIELDS, realizationFields } from '../../src/reports/realization';
import { ReportSpec } from '../../src/reports/types';
import { WbEmulator } from '../emulator';
import { pick } from '../emulator/realization';

/** The detail row's field names in 13-finances.yaml (SalesReportsDetailedRes.properties). */
function specFields(): string[] {
  const text = readFileSync('/work/shared/wb-openapi/13-finances.yaml', 'utf8');
  const at = text.indexOf('    SalesReportsDetailedRes:');
  const names: string[] = [];
  for (const line of text.slice(text.indexOf('      properties:', at)).split('\n').slice(1)) {
    if (/^ {4}\w/.test(line)) break; // the next schema
    const m = /^ {8}(\w+):$/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

function records(spec: ReportSpec, rows: Record<string, unknown>[]) {
  return rows.map((row) => spec.columns.map((c) => c.value(row, 'ru')));
}

describe('realization request fields', () => {
  const wb = new WbEmulator({ seed: 17, now: Date.UTC(2026, 10, 27, 7) });
  // Sales, returns, logistics, storage, penalties, deductions, acceptance: every kind of row.
  const rows = wb.realization({ dateFrom: '2026-10-26', dateTo: '2026-11-27' }).map(({ reportIdText, ...r }) => ({ ...r, reportId: reportIdText }) as Record<string, unknown>);

  it('names only WB fields, the sheet columns by default and all 91 with the "all fields" setting', () => {
    const spec = specFields();
    expect(spec).toHaveLength(91);
    const main = realizationFields(REALIZATION);
    expect(main.length).toBeLessThan(50);
    for (const name of main) expect(spec).toContain(name);
    expect(new Set(realizationFields(REALIZATION_ALL_FIELDS))).toEqual(new Set(spec));
  });

  it.each([
    ['sheet columns', REALIZATION],
    ['all fields', REALIZATION_ALL_FIELDS],
  ])('a row trimmed to the requested fields fills every cell as the full row does (%s)', (_name, spec) => {
    expect(new Set(rows.map((r) => r.sellerOperName)).size).toBeGreaterThanOrEqual(6);
    const wanted = new Set(realizationFields(spec));
    const trimmed = rows.map((r) => pick(r, wanted));
    expect(records(spec, trimmed)).toEqual(records(spec, rows));
  });
});
