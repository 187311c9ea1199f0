/** fast-check arbitraries of fault scenarios (see lib.ts for what each step means). */
import fc from 'fast-check';
import { CATEGORIES, DAY, Edit, Fault, HOUR, KeyType, Kill, MINUTE, Op, REPORT_IDS, ReportId, Scenario, Step, TwinKill, WB_PATHS } from './lib';

const path = fc.constantFrom<string>(...WB_PATHS, '*');

/** A fraction in [0, 1) drawn evenly (fast-check's doubles favour 0, 1 and tiny values, which would kill at the first or last call). */
export const uniform: fc.Arbitrary<number> = fc.noBias(fc.integer({ min: 0, max: 999999 })).map((n) => n / 1000000);

/** Paths whose real answers are cut: the five report paths, the stock task's status and download, and a supply's goods. */
const truncatable = fc.constantFrom<string>(...WB_PATHS, '/api/v1/warehouse_remains/tasks/', '/api/v1/supplies/');

export const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('rate' as const), path, retrySec: fc.integer({ min: 1, max: 300 }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('server' as const), path, status: fc.constantFrom(500, 502, 503, 504), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('html' as const), path, times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({
    kind: fc.constant('network' as const),
    path,
    message: fc.constantFrom('Timeout: https://wb', 'Address unavailable: https://wb', 'socket hang up'),
    times: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), prefix: truncatable, nth: fc.integer({ min: 1, max: 2 }), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('slow' as const), nth: fc.integer({ min: 1, max: 12 }), ms: fc.constantFrom(10000, MINUTE, 4 * MINUTE, 7 * MINUTE, 3 * HOUR) }),
  fc.record({ kind: fc.constant('concurrent' as const), nth: fc.integer({ min: 1, max: 12 }), op: fc.constantFrom<Op>('syncAllNow', 'scheduledSync', 'syncStocksNow') }),
);

/** Service methods whose calls change state or end a phase: the interesting places to die. */
export const KILL_METHODS = [
  'setValues',
  'setNumberFormats',
  'insertSheet',
  'addDeveloperMetadata',
  'setFrozenRows',
  'insertRowsAfter',
  'setProperty',
  'deleteProperty',
  'fetchAll',
  'flush',
  'sleep',
  'getValues',
  'deleteRows',
];

export const kill: fc.Arbitrary<Kill> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call' as const), fraction: uniform }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('method' as const), method: fc.constantFrom(...KILL_METHODS), nth: fc.integer({ min: 1, max: 12 }), after: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('limit' as const), ms: fc.integer({ min: 2000, max: 200000 }) }) },
);

const report = fc.constantFrom(...REPORT_IDS);

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('sort' as const), report, column: fc.nat(40), ascending: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), report, name: fc.constantFrom('Мои заказы', 'Архив WB', 'Лист 7', 'data') }),
  fc.record({ kind: fc.constant('move' as const), report, position: fc.nat(8) }),
  fc.record({ kind: fc.constant('insertColumn' as const), report, position: fc.nat(45) }),
  fc.record({ kind: fc.constant('delete' as const), report }),
);

export const gap = fc.constantFrom(MINUTE, 2 * MINUTE, 5 * MINUTE, 20 * MINUTE, HOUR, 3 * HOUR, 26 * HOUR, 2.5 * DAY);

export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Op>('syncAllNow') },
  { weight: 1, arbitrary: fc.constant<Op>('scheduledSync') },
  { weight: 3, arbitrary: fc.constantFrom<Op>('syncOrdersNow', 'syncSalesNow', 'syncStocksNow', 'syncSuppliesNow', 'syncRealizationNow') },
);

export function stepArb(opts: { faultRate?: number; killRate?: number; editRate?: number } = {}): fc.Arbitrary<Step> {
  const some = <T>(rate: number, a: fc.Arbitrary<T>, none: T) => fc.oneof({ weight: Math.round(100 * (1 - rate)), arbitrary: fc.constant(none) }, { weight: Math.round(100 * rate), arbitrary: a });
  return fc.record({
    gapMs: gap,
    wbChange: fc.constantFrom(0, 0, 0.01, 0.05),
    edits: some(opts.editRate ?? 0.3, fc.array(edit, { minLength: 1, maxLength: 2 }), [] as Edit[]),
    lockMs: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5 * MINUTE }) }),
    faults: some(opts.faultRate ?? 0.5, fc.array(fault, { minLength: 1, maxLength: 3 }), [] as Fault[]),
    kill: some(opts.killRate ?? 0.4, kill, null as Kill | null),
    op,
  });
}

export function scenarioArb(
  opts: { minSteps?: number; maxSteps?: number; faultRate?: number; killRate?: number; editRate?: number; keyType?: KeyType; categories?: number[] } = {},
): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 100000 }),
    steps: fc.array(stepArb(opts), { minLength: opts.minSteps ?? 1, maxLength: opts.maxSteps ?? 5 }),
    keyType: fc.constant(opts.keyType ?? 'personal'),
    categories: fc.constant(opts.categories ?? CATEGORIES),
  });
}

const OP_OF: Record<ReportId, Op> = {
  orders: 'syncOrdersNow',
  sales: 'syncSalesNow',
  stocks: 'syncStocksNow',
  supplies: 'syncSuppliesNow',
  realization: 'syncRealizationNow',
};

/**
 * Kills aimed at the moments a report's sheet and saved state change: one report per
 * step, often right after the seller deleted its sheet, inserted a column into it or
 * sorted it, killed before or after its nth write, sheet creation, metadata, freeze,
 * property write or flush.
 */
export const killStepArb: fc.Arbitrary<Step> = fc.constantFrom(...REPORT_IDS).chain((r) =>
  fc.record({
    gapMs: fc.constantFrom(MINUTE, 5 * MINUTE, 3 * HOUR, DAY, 3 * DAY),
    wbChange: fc.constantFrom(0, 0.02),
    edits: fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as Edit[]) },
      { weight: 1, arbitrary: fc.constant([{ kind: 'delete', report: r }] as Edit[]) },
      { weight: 1, arbitrary: fc.nat(20).map((position) => [{ kind: 'insertColumn', report: r, position }] as Edit[]) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(20), fc.boolean()).map(([column, ascending]) => [{ kind: 'sort', report: r, column, ascending }] as Edit[]) },
    ),
    lockMs: fc.constant(0),
    faults: fc.constant([] as Fault[]),
    kill: fc.oneof(
      { weight: 1, arbitrary: fc.constant(null as Kill | null) },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('method' as const),
          method: fc.constantFrom('setValues', 'setNumberFormats', 'insertSheet', 'addDeveloperMetadata', 'setFrozenRows', 'setProperty', 'deleteProperty', 'flush', 'fetchAll'),
          nth: fc.integer({ min: 1, max: 6 }),
          after: fc.boolean(),
        }) as fc.Arbitrary<Kill | null>,
      },
    ),
    op: fc.oneof({ weight: 4, arbitrary: fc.constant(OP_OF[r]) }, { weight: 1, arbitrary: fc.constant<Op>('syncAllNow') }),
  }),
);

/** A clean first load (mostly: a killed first load is a case too), then kill steps. */
const firstLoad: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Step>({ gapMs: 0, wbChange: 0, edits: [], lockMs: 0, faults: [], kill: null, op: 'syncAllNow' }) },
  { weight: 1, arbitrary: killStepArb },
);

export function killScenarioArb(maxSteps = 4): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 100000 }),
    steps: fc.tuple(firstLoad, fc.array(killStepArb, { minLength: 1, maxLength: maxSteps - 1 })).map(([first, rest]) => [first, ...rest]),
    keyType: fc.constant<KeyType>('personal'),
  });
}

// ---------------------------------------------------------------------------------
// Twin kills (lib.ts runTwinKill): one refresh killed at a chosen state-changing call

function twinArb(r: ReportId, edits: fc.Arbitrary<Edit[]>, killFirstLoad: boolean): fc.Arbitrary<TwinKill> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 100000 }),
    edits,
    wbChange: fc.constantFrom(0, 0.02),
    gapMs: fc.constantFrom(2 * MINUTE, 3 * HOUR, DAY, 3 * DAY),
    op: fc.oneof({ weight: 3, arbitrary: fc.constant(OP_OF[r]) }, { weight: 1, arbitrary: fc.constant<Op>('syncAllNow') }),
    pick: uniform,
    after: fc.boolean(),
    killFirstLoad: fc.constant(killFirstLoad),
  });
}

/**
 * The sheet already exists and stays: no edit, or the seller sorted, renamed, moved it
 * or inserted a column. `insertInto` lists the reports whose sheets may get a seller's
 * column (all by default).
 */
export function twinKillInPlaceArb(insertInto: ReportId[] = REPORT_IDS): fc.Arbitrary<TwinKill> {
  return fc.constantFrom(...REPORT_IDS).chain((r) =>
    twinArb(
      r,
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as Edit[]) },
        { weight: 1, arbitrary: fc.tuple(fc.nat(30), fc.boolean()).map(([column, ascending]) => [{ kind: 'sort', report: r, column, ascending }] as Edit[]) },
        {
          weight: 1,
          arbitrary: insertInto.includes(r)
            ? fc.nat(30).map((position) => [{ kind: 'insertColumn', report: r, position }] as Edit[])
            : fc.constant([] as Edit[]),
        },
        { weight: 1, arbitrary: fc.nat(8).map((position) => [{ kind: 'move', report: r, position }, { kind: 'rename', report: r, name: 'Мой лист' }] as Edit[]) },
      ),
      false,
    ),
  );
}

/** The sheet is being created: the first load, or a reload after the seller deleted the sheet. */
export const twinKillCreating: fc.Arbitrary<TwinKill> = fc.constantFrom(...REPORT_IDS).chain((r) =>
  fc.oneof(twinArb(r, fc.constant([] as Edit[]), true), twinArb(r, fc.constant([{ kind: 'delete', report: r }] as Edit[]), false)),
);
