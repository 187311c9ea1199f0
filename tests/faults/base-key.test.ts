/**
 * The fault property with a Base key: WB's strictest limits (orders once in 3 h, sales
 * in 2 h, stocks and their task 4 an hour, the realization report twice a day). The
 * clean rounds are 13 h after the last step, then 20 and 20 min (lib.ts
 * FINAL_ROUNDS.base), so every bucket has refilled on both sides.
 *
 * The key has Statistics, Analytics and Finance but not Supplies: a Base key reads one
 * supply's goods per 30 min (WB's limit), so the supplies sheet of a clean run is itself
 * hours from complete and depends on how often it ran; a run that refreshed more often
 * legitimately holds more supply rows. Supplies are covered by the Personal-key properties.
 */
import { scenarioArb } from './arbitraries';
import { assertScenarios, newTally, settings, tallyText } from './property';

const tally = newTally();
const { seed, numRuns } = settings(12);

afterAll(() => console.log(tallyText(`base key (fast-check seed ${seed})`, tally)));

test(`Base key: faulty refreshes then clean ones end equal to a clean run (${numRuns} cases)`, () => {
  assertScenarios(scenarioArb({ maxSteps: 4, keyType: 'base', categories: [5, 2, 13] }), { seed, numRuns }, tally);
}, 900000);
