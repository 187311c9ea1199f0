import { runCase, Step, MINUTE } from './lib';
const step = (o: Partial<Step>): Step => ({ gapMs: 5 * MINUTE, wbChange: 0, edits: [], lockMs: 0, faults: [], kill: null, op: 'syncAllNow', ...o });
test('realization deleted then killed after recreation', () => {
  const r = runCase({ seed: 11, steps: [step({}), step({ edits: [{ kind: 'delete', report: 'realization' }], op: 'syncRealizationNow', kill: { kind: 'method', method: 'setValues', nth: 1, after: false } })] });
  console.log(r.journal.join('\n'), '\n', r.differences);
});
test('orders deleted then killed after recreation', () => {
  const r = runCase({ seed: 11, steps: [step({}), step({ edits: [{ kind: 'delete', report: 'orders' }], op: 'syncOrdersNow', kill: { kind: 'method', method: 'setValues', nth: 1, after: false } })] });
  console.log(r.journal.join('\n'), '\n', r.differences);
});
test('kill between insertSheet and metadata', () => {
  const r = runCase({ seed: 11, steps: [step({}), step({ edits: [{ kind: 'delete', report: 'sales' }], op: 'syncSalesNow', kill: { kind: 'method', method: 'addDeveloperMetadata', nth: 1, after: false } })] });
  console.log(r.journal.join('\n'), '\n', r.differences);
});
