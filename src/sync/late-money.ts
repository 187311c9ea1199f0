/**
 * Money that WB fills in late. The spec says forPay, finishedPrice and priceWithDisc
 * of a sale "may read 0 for up to 24 h"; it does not say lastChangeDate moves when WB
 * fills them in. So while rows with zero money younger than 48 h exist, a pass of
 * changes starts early enough to read them again: from the oldest such row's
 * lastChangeDate (flag=0 returns every row changed since dateFrom, as it stands now).
 * That is the same request a refresh sends anyway, only starting earlier: no extra
 * request, no extra rate-bucket token, whatever the key type. A re-read row whose
 * money arrived is rewritten (the table compares these columns too, see
 * TableSpec.silentColumns). Once no young row reads 0, passes start at the cursor again.
 */
import type { ReportRun } from './engine';
import { formatWall, instantToMoscowWall, parseWbMoscow } from '../wb/moscow-time';
import { DAY_MS } from './strategy-base';

/** WB fills money within 24 h; a row still at 0 after 48 h is taken as it is (a real 0). */
export const LATE_MONEY_MS = 2 * DAY_MS;
/** WB refreshes statistics every 30 min: reading the same rows again sooner finds nothing new. */
export const REREAD_EVERY_MS = 30 * 60000;

interface LateState {
  /** lastChangeDate of the oldest young row with zero money after the last full pass. */
  from?: string;
  /** The pass in progress began here (a rewound pass is not rewound again mid-way). */
  open?: boolean;
  /** lastChangeDate of the oldest young zero-money row seen so far in the open pass. */
  scan?: string;
  /** When the last rewound pass began (ms). */
  at?: number;
}

function stateName(run: ReportRun): string {
  return 'late.' + run.spec.id;
}

function load(run: ReportRun): LateState {
  return run.state<LateState>(stateName(run)) || {};
}

function save(run: ReportRun, state: LateState): void {
  run.setState(stateName(run), state.from || state.open ? state : null);
}

/** Whether the report has money WB fills in late. */
function tracked(run: ReportRun): boolean {
  return !!(run.spec.silentColumns && run.spec.silentColumns.length);
}

/**
 * When this execution began: the same for the run that plans the parallel first
 * requests and the one that sends them, so both work out the same request.
 */
function runStart(run: ReportRun): number {
  return run.now() - run.elapsed();
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a || b;
  return (parseWbMoscow(a) as number) <= (parseWbMoscow(b) as number) ? a : b;
}

/**
 * Where the next page of changes starts: the cursor, or earlier when a new pass
 * begins while young rows still read 0 (never earlier than 48 h ago, never more often
 * than WB refreshes its data). Changes nothing.
 */
export function passStart(run: ReportRun, cursor: string, state: LateState = load(run)): { dateFrom: string; rewound: boolean } {
  const cursorWall = parseWbMoscow(cursor);
  if (!tracked(run) || state.open || !state.from || cursorWall === null) return { dateFrom: cursor, rewound: false };
  const began = runStart(run);
  if (state.at !== undefined && began - state.at < REREAD_EVERY_MS) return { dateFrom: cursor, rewound: false };
  const now = instantToMoscowWall(began);
  const fromWall = Math.max(parseWbMoscow(state.from) as number, now - LATE_MONEY_MS);
  if (fromWall >= cursorWall) return { dateFrom: cursor, rewound: false };
  return { dateFrom: fromWall === parseWbMoscow(state.from) ? state.from : formatWall(fromWall), rewound: true };
}

/** passStart as the first request of a run will see it, when a finished by-day pass is still to be closed. */
export function passStartAfterDays(run: ReportRun, cursor: string): { dateFrom: string; rewound: boolean } {
  const state = load(run);
  return passStart(run, cursor, { from: state.scan, at: state.at });
}

/** The lastChangeDate of the oldest row in `rows` with zero money, dated within the last 48 h. */
function oldestZero(run: ReportRun, rows: Record<string, unknown>[]): string | undefined {
  const fields = run.spec.silentColumns as string[];
  const since = instantToMoscowWall(run.now()) - LATE_MONEY_MS;
  let oldest: string | undefined;
  for (const row of rows) {
    const date = parseWbMoscow(row.date);
    if (date === null || date < since) continue;
    if (!fields.some((f) => row[f] !== undefined && row[f] !== null && Number(row[f]) === 0)) continue;
    oldest = earlier(oldest, typeof row.lastChangeDate === 'string' ? row.lastChangeDate : undefined);
  }
  return oldest;
}

/**
 * A pass from `dateFrom` begins: from here on it is not rewound again. Zero-money rows
 * it will not read again (changed before it starts) stay noted.
 */
function beginPass(run: ReportRun, state: LateState, dateFrom: string, rewound: boolean): LateState {
  // Rows dated over 48 h ago are no longer waited for, so a pass from then covers them all.
  const covered = !state.from || (parseWbMoscow(dateFrom) as number) <= Math.max(parseWbMoscow(state.from) as number, instantToMoscowWall(runStart(run)) - LATE_MONEY_MS);
  // A pass that reads every young zero-money row afresh (rewound, or from before them)
  // counts as a re-read: the next one waits for WB's next update.
  return { from: state.from, open: true, scan: covered ? undefined : state.from, at: rewound || covered ? runStart(run) : state.at };
}

/**
 * Notes the young zero-money rows of a page just written (saved before the cursor
 * moves past them). `start`: the pass begins with this page.
 */
export function notePage(run: ReportRun, rows: Record<string, unknown>[], start?: { dateFrom: string; rewound: boolean }): void {
  if (!tracked(run)) return;
  let state = load(run);
  const before = JSON.stringify(state);
  if (start && !state.open) state = beginPass(run, state, start.dateFrom, start.rewound);
  const zero = oldestZero(run, rows);
  if (zero) state = { ...state, open: true, scan: earlier(state.scan, zero) };
  if (JSON.stringify(state) !== before) save(run, state);
}

/** The pass read everything since it began: its zero-money rows decide where the next one starts. */
export function endPass(run: ReportRun): void {
  if (!tracked(run)) return;
  const state = load(run);
  save(run, { from: state.scan, at: state.at });
}

/** A by-day pass reads every day afresh: what an unfinished pass of changes noted is superseded. */
export function restartPass(run: ReportRun): void {
  if (!tracked(run)) return;
  const state = load(run);
  save(run, { open: true, at: state.at });
}

/** The sheet is gone: nothing of it is tracked any more. */
export function forget(run: ReportRun): void {
  run.setState(stateName(run), null);
}
