/**
 * Reviews across kills: a refresh killed at any service call (before or after it, at
 * every WB request, at spread fractions of the run) and followed by clean refreshes
 * ends with exactly the rows of its clean twin (the same history without the kill):
 * no review lost, none doubled, every answer that arrived in place. The answer's "seen"
 * time is left out of the comparison: a killed refresh sees an answer again later.
 */
import { Harness } from '../bundle/harness';
import { HOUR, MINUTE, Kill, Side, makeSide, runOp } from './lib';

const SHEET = 'WB Отзывы';

function rows(h: Harness): Map<string, string> {
  const sheet = h.rt.spreadsheet.getSheetByName(SHEET);
  if (!sheet) return new Map();
  const values = h.rt.peek(() => sheet.getDataRange().getValues()) as unknown[][];
  const header = values[0].map(String);
  const id = header.indexOf('ID отзыва');
  const seen = header.indexOf('Ответ замечен');
  const out = new Map<string, string>();
  for (const r of values.slice(1)) {
    const key = String(r[id]);
    if (out.has(key)) throw new Error('review doubled: ' + key);
    out.set(key, JSON.stringify(r.filter((_v, i) => i !== seen)));
  }
  return out;
}

function history(side: Side, kill: Kill | null): string {
  runOp(side, 'syncAllNow');
  side.h.rt.clock.advance(9 * HOUR); // answers and new reviews arrive
  const killed = runOp(side, 'syncAllNow', [], kill);
  for (let i = 0; i < 2; i++) {
    side.h.rt.clock.advance(5 * MINUTE);
    runOp(side, 'syncAllNow');
  }
  return killed.outcome;
}

function compare(kill: Kill, keyType: 'personal' | 'base' = 'personal'): void {
  const F = makeSide(31, keyType, [7]);
  const C = makeSide(31, keyType, [7]);
  history(C, null);
  expect(history(F, kill)).toBe('killed');
  const f = rows(F.h);
  const c = rows(C.h);
  expect(c.size).toBeGreaterThan(50);
  expect(f.size).toBe(c.size);
  for (const [id, row] of c) expect(f.get(id)).toBe(row);
  // And the truth: every review WB lists is there.
  for (const r of F.h.wb.reviews().filter((x) => x.listed)) expect(f.has(String(r.id))).toBe(true);
}

describe('reviews killed mid-refresh', () => {
  for (const fraction of [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65]) {
    it(`killed at ${Math.round(fraction * 100)} % of its service calls ends equal to its clean twin`, () => {
      compare({ kind: 'call', fraction });
    });
  }
  for (const nth of [1, 2]) {
    for (const after of [false, true]) {
      it(`killed ${after ? 'right after' : 'right before'} WB request ${nth} ends equal to its clean twin`, () => {
        compare({ kind: 'method', method: 'fetchAll', nth, after });
      });
    }
  }
  it('killed right after the first row write ends equal to its clean twin', () => {
    compare({ kind: 'method', method: 'setValues', nth: 1, after: true });
  });
});
