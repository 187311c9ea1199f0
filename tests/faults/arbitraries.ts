/** fast-check arbitraries of fault scenarios (see lib.ts for what each step means). */
import fc from 'fast-check';
import { DAY, Edit, Fault, HOUR, Kill, MINUTE, Op, REPORT_IDS, Scenario, Step, WB_PATHS } from './lib';

const path = fc.constantFrom<string>(...WB_PATHS, '*');

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
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call' as const), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }) },
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

export function scenarioArb(opts: { minSteps?: number; maxSteps?: number; faultRate?: number; killRate?: number; editRate?: number } = {}): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 100000 }),
    steps: fc.array(stepArb(opts), { minLength: opts.minSteps ?? 1, maxLength: opts.maxSteps ?? 5 }),
  });
}
