import fc from 'fast-check';
import { runCase } from './lib';
import { scenarioArb } from './arbitraries';
const N = Number(process.env.N || 10);
const SEED = Number(process.env.SEED || 1);
test('hunt', () => {
  let n = 0;
  const t = Date.now();
  const out = fc.check(fc.property(scenarioArb(), (sc) => { n++; const r = runCase(sc); if (r.differences.length) { console.log(JSON.stringify(sc), '\n', r.journal.join('\n'), '\n', r.differences.join('\n')); return false; } return true; }), { numRuns: N, seed: SEED, endOnFailure: true });
  console.log('cases', n, 'ms', Date.now() - t, out.failed ? 'FAILED ' + JSON.stringify(out.counterexample) : 'ok', out.errorInstance ? String((out.errorInstance as any).stack).slice(0, 2000) : '');
}, 3600000);
