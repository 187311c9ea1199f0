/**
 * Property: a refresh killed at any state-changing service call (a write, a format, a
 * property, a sheet or its metadata, a flush, a WB request, a lock, a sleep) — right
 * before it or right after it — is made whole by the next clean refreshes. The kill is
 * exact: the clean twin runs the same refresh whole and its trace says where the calls
 * are (lib.ts runTwinKill), so the two histories differ only by the kill.
 *
 * Two domains: the report's sheet already exists (the seller may have sorted, renamed,
 * moved it or inserted a column), and the sheet is being created (first load, or reload
 * after the seller deleted it).
 */
import fc from 'fast-check';
import { twinKillCreating, twinKillInPlaceArb } from './arbitraries';
import { TwinKill, runTwinKill } from './lib';
import { Tally, newTally, settings, tallyText } from './property';

const inPlace = newTally();
const creating = newTally();
const { seed, numRuns } = settings(16);

afterAll(() => {
  console.log(tallyText(`kills, sheet in place (fast-check seed ${seed})`, inPlace));
  console.log(tallyText(`kills, sheet being created (fast-check seed ${seed})`, creating));
});

function assertTwinKills(arb: fc.Arbitrary<TwinKill>, tally: Tally): void {
  const started = Date.now();
  try {
    fc.assert(
      fc.property(arb, (k) => {
        tally.cases++;
        const r = runTwinKill(k);
        tally.runs += r.runs;
        tally.kills += r.kills;
        tally.edits += r.edits;
        if (r.differences.length) throw new Error(['F differs from its clean twin:', ...r.differences, 'case ' + JSON.stringify(k), ...r.journal].join('\n'));
      }),
      { seed, numRuns, interruptAfterTimeLimit: Number(process.env.FAULTS_TIME_LIMIT_MS || 600000) },
    );
  } finally {
    tally.ms += Date.now() - started;
  }
}

test(`a refresh killed at any state-changing call, sheet in place, ends equal to its clean twin (${numRuns} cases)`, () => {
  assertTwinKills(twinKillInPlaceArb(), inPlace);
}, 900000);

// Failed before 923c379 (stray empty sheet, unfrozen header, realization reload covering
// 14 days instead of 90): see regressions.test.ts A, C1, D.
test(`a refresh killed at any state-changing call while its sheet is created ends equal to its clean twin (${numRuns} cases)`, () => {
  assertTwinKills(twinKillCreating, creating);
}, 900000);
