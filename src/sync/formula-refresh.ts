/**
 * After a refresh that brought new or changed rows, the cells whose formulas call WB_
 * functions show the new numbers without the seller doing anything.
 *
 * Sheets keeps a custom function's result until its arguments change or its formula is
 * entered again; the synced sheets a WB_ function reads are not its arguments. So each
 * such formula is entered again: its cells are emptied (one call per sheet), the change is
 * committed (flush), and the same formula text goes back (one call per block of adjacent
 * cells). Spilled neighbours, other formulas and the seller's values are not touched.
 *
 * Between emptying and entering again the formulas exist only in this execution, so they
 * are written to a journal in the document properties first: if the execution dies in
 * between, the next refresh puts back every journaled formula whose cell is still empty.
 * Many formulas go in batches whose journal fits one property value.
 *
 * It never fails a refresh: anything thrown is reported in the result, except the
 * platform's 'Exceeded maximum execution time', which ends the execution anyway.
 */
import { Clock, FormulaCell, FormulaCellGateway, KeyValueStore, SpreadsheetGateway } from '../gas/types';

export const FORMULA_JOURNAL_PROPERTY = 'wb.formulaJournal';
/** Bytes of one journal value (Apps Script allows 9 KB a property value). */
export const JOURNAL_MAX_BYTES = 8000;
/** Not started (or not continued with the next batch) past this much time in the execution (6 min limit). */
export const FORMULA_REFRESH_LATEST_MS = 300000;

export interface FormulaRefreshDeps {
  gateway: SpreadsheetGateway;
  documentProps: KeyValueStore;
  clock: Clock;
  /** The cells' adapter (the controller gives the Apps Script one); none: nothing to do. */
  formulaCells?: FormulaCellGateway | null;
}

export interface FormulaRefreshReport {
  /** WB_ formula cells found */
  found: number;
  /** formulas entered again */
  entered: number;
  /** formulas put back that an earlier refresh, cut short, had left out */
  repaired: number;
  batches: number;
  skipped?: 'no_changes' | 'no_adapter' | 'no_time';
  /** what went wrong (the refresh itself still succeeded) */
  error?: string;
}

interface Journal {
  /** distinct formulas */
  f: string[];
  /** [sheetId, row, column, index into f] */
  c: [number, number, number, number][];
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isTimeout(e: unknown): boolean {
  return /Exceeded maximum execution time/i.test(String((e && (e as Error).message) || e));
}

function journalOf(cells: FormulaCell[]): Journal {
  const f: string[] = [];
  const index = new Map<string, number>();
  const c = cells.map((cell): [number, number, number, number] => {
    let i = index.get(cell.formula);
    if (i === undefined) {
      i = f.length;
      f.push(cell.formula);
      index.set(cell.formula, i);
    }
    return [cell.sheetId, cell.row, cell.column, i];
  });
  return { f, c };
}

function cellsOf(journal: Journal): FormulaCell[] {
  return journal.c.map(([sheetId, row, column, i]) => ({ sheetId, row, column, formula: journal.f[i] }));
}

/** Splits the cells into batches whose journal stays under maxBytes. */
export function journalBatches(cells: FormulaCell[], maxBytes = JOURNAL_MAX_BYTES): FormulaCell[][] {
  const cost = (cell: FormulaCell, formulaIsNew: boolean) =>
    `[${cell.sheetId},${cell.row},${cell.column},0000],`.length + (formulaIsNew ? utf8Bytes(JSON.stringify(cell.formula)) + 1 : 0);
  const batches: FormulaCell[][] = [];
  let batch: FormulaCell[] = [];
  let seen = new Set<string>();
  let bytes = 20;
  for (const cell of cells) {
    if (batch.length && bytes + cost(cell, !seen.has(cell.formula)) > maxBytes) {
      batches.push(batch);
      batch = [];
      seen = new Set();
      bytes = 20;
    }
    bytes += cost(cell, !seen.has(cell.formula));
    batch.push(cell);
    seen.add(cell.formula);
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** Puts back what a refresh cut short left out; returns how many formulas went back. */
function repair(cells: FormulaCellGateway, props: KeyValueStore): number {
  const raw = props.get(FORMULA_JOURNAL_PROPERTY);
  if (!raw) return 0;
  let journal: Journal | null = null;
  try {
    journal = JSON.parse(raw) as Journal;
  } catch {
    journal = null;
  }
  const n = journal && Array.isArray(journal.c) && Array.isArray(journal.f) ? cells.enter(cellsOf(journal), true) : 0;
  props.remove(FORMULA_JOURNAL_PROPERTY);
  return n;
}

/**
 * Enters every WB_ formula of the document again when `changed` (some report added or
 * updated rows), so Sheets computes it from the data just synced. `startedAt`: when the
 * execution started (nothing is begun past FORMULA_REFRESH_LATEST_MS).
 */
export function refreshFormulaCells(changed: boolean, deps: FormulaRefreshDeps, startedAt: number): FormulaRefreshReport {
  const report: FormulaRefreshReport = { found: 0, entered: 0, repaired: 0, batches: 0 };
  const props = deps.documentProps;
  try {
    // nothing to do costs no spreadsheet call at all
    if (!changed && !props.get(FORMULA_JOURNAL_PROPERTY)) return { ...report, skipped: 'no_changes' };
    const cells = deps.formulaCells || null;
    if (!cells) return { ...report, skipped: 'no_adapter' };
    report.repaired = repair(cells, props);
    if (!changed) return { ...report, skipped: 'no_changes' };
    const late = () => deps.clock.now() - startedAt > FORMULA_REFRESH_LATEST_MS;
    if (late()) return { ...report, skipped: 'no_time' };
    const found = cells.find();
    report.found = found.length;
    for (const batch of journalBatches(found)) {
      if (late()) {
        report.skipped = 'no_time';
        break;
      }
      props.set(FORMULA_JOURNAL_PROPERTY, JSON.stringify(journalOf(batch)));
      try {
        cells.clear(batch);
        report.entered += cells.enter(batch);
      } catch (e) {
        if (isTimeout(e)) throw e;
        // what did not go back goes back now, into the cells still empty; else the journal waits for the next refresh
        try {
          report.entered += cells.enter(batch, true);
          props.remove(FORMULA_JOURNAL_PROPERTY);
        } catch (again) {
          if (isTimeout(again)) throw again;
        }
        throw e;
      }
      props.remove(FORMULA_JOURNAL_PROPERTY);
      report.batches++;
    }
  } catch (e) {
    if (isTimeout(e)) throw e;
    report.error = String((e && (e as Error).message) || e).slice(0, 200);
  }
  return report;
}

/** What a refresh does with the document's WB_ formulas at its end: the outcome counts decide. */
export function refreshFormulas(outcomes: { added: number; updated: number }[], deps: FormulaRefreshDeps, startedAt: number): FormulaRefreshReport {
  return refreshFormulaCells(
    outcomes.some((o) => o.added + o.updated > 0),
    deps,
    startedAt,
  );
}
