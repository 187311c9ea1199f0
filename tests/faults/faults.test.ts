/**
 * Property: whatever goes wrong during refreshes — kills at any service call, 429 storms,
 * 5xx bursts, HTML and truncated bodies, network errors, slow answers and clock jumps,
 * a concurrent refresh, a held lock, the seller sorting, renaming, moving, inserting
 * columns into or deleting the report sheets — enough clean refreshes afterwards leave
 * the five report sheets equal to those of a clean run of the same seller at the same
 * virtual time: no row lost, none doubled, none stale. Personal key (all categories).
 */
import { scenarioArb } from './arbitraries';
import { assertScenarios, newTally, settings, tallyText } from './property';

const tally = newTally();
const { seed, numRuns } = settings(30);

afterAll(() => console.log(tallyText(`faults (fast-check seed ${seed})`, tally)));

test(`faulty refreshes then clean ones end equal to a clean run (${numRuns} cases)`, () => {
  assertScenarios(scenarioArb({ maxSteps: 5 }), { seed, numRuns }, tally);
}, 900000);
