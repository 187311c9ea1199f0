import { runCase, Step, MINUTE, HOUR, DAY } from './lib';
const step = (o: Partial<Step>): Step => ({ gapMs: 5 * MINUTE, wbChange: 0, edits: [], lockMs: 0, faults: [], kill: null, op: 'syncAllNow', ...o });
test('frozen', () => {
  const r = runCase({ seed: 11, steps: [step({ op: 'syncOrdersNow', kill: { kind: 'method', method: 'setFrozenRows', nth: 1, after: false } }), step({op: 'syncOrdersNow'}), step({ edits: [{ kind: 'sort', report: 'orders', column: 3, ascending: true }] })] });
  console.log(r.journal.join('\n'), '\n', r.differences);
});
test('stray', () => {
  const r = runCase({ seed: 11, steps: [step({ op: 'syncSalesNow', kill: { kind: 'method', method: 'addDeveloperMetadata', nth: 1, after: false } })] });
  console.log(r.journal.join('\n'), '\n', r.differences);
});
