/** Runs fault scenarios as a fast-check property and keeps count of what ran. */
import fc from 'fast-check';
import { CaseResult, Scenario, runCase } from './lib';

export interface Tally {
  cases: number;
  runs: number;
  kills: number;
  faults: number;
  edits: number;
  ms: number;
}

export function newTally(): Tally {
  return { cases: 0, runs: 0, kills: 0, faults: 0, edits: 0, ms: 0 };
}

export function tallyText(name: string, t: Tally): string {
  return `${name}: ${t.cases} cases ran (${t.runs} refreshes, ${t.kills} killed, ${t.faults} WB/transport faults, ${t.edits} seller edits) in ${(t.ms / 1000).toFixed(1)} s`;
}

/** FAULTS_SEED / FAULTS_RUNS explore beyond the pinned seed and case count. */
export function settings(defaultRuns: number): { seed: number; numRuns: number } {
  return {
    seed: process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) : 20261127,
    numRuns: process.env.FAULTS_RUNS ? Number(process.env.FAULTS_RUNS) : defaultRuns,
  };
}

export function describeFailure(sc: Scenario, r: CaseResult): string {
  return ['F differs from the clean run:', ...r.differences.map((d) => '  ' + d), 'scenario ' + JSON.stringify(sc), 'journal:', ...r.journal.map((j) => '  ' + j)].join('\n');
}

/** Asserts that every generated scenario ends with F's sheets equal to the clean run's. */
export function assertScenarios(arb: fc.Arbitrary<Scenario>, opts: { seed: number; numRuns: number }, tally: Tally): void {
  const started = Date.now();
  try {
    fc.assert(
      fc.property(arb, (sc) => {
        tally.cases++;
        const r = runCase(sc);
        tally.runs += r.runs;
        tally.kills += r.kills;
        tally.faults += r.faults;
        tally.edits += r.edits;
        if (r.differences.length) throw new Error(describeFailure(sc, r));
      }),
      // Shrinking replays whole cases (seconds each): bounded by FAULTS_TIME_LIMIT_MS.
      { ...opts, interruptAfterTimeLimit: Number(process.env.FAULTS_TIME_LIMIT_MS || 600000) },
    );
  } finally {
    tally.ms += Date.now() - started;
  }
}
