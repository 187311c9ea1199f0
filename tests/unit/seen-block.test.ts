import { SeenBlock } from '../../src/gas/seen-block';
import type { Cell } from '../../src/gas/types';

const grid = (rows: number, cols: number, at = (r: number, c: number): Cell => r * 100 + c) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(r, c)));
const noFormulas = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<string>(cols).fill(''));

describe('SeenBlock: a block read this execution answers later reads of the same rows', () => {
  it('serves the kept rows of a narrower read; the caller reads the rest', () => {
    const seen = new SeenBlock();
    seen.keep(10, 1, grid(2000, 5), noFormulas(2000, 5));
    const got = seen.serve(2, 2, 3000, 2);
    expect(got && { from: got.from, to: got.to, n: got.values.length }).toEqual({ from: 10, to: 2009, n: 2000 });
    expect(got?.values[0]).toEqual([1, 2]);
    expect(got?.values[1999]).toEqual([199901, 199902]);
  });

  it('keeps nothing with a formula in it, and serves nothing outside its columns or too small to save a call', () => {
    const withFormula = noFormulas(1000, 5);
    withFormula[500][2] = '=A1';
    const seen = new SeenBlock();
    seen.keep(2, 1, grid(1000, 5), withFormula);
    expect(seen.serve(2, 1, 1000, 5)).toBeNull();
    seen.keep(2, 1, grid(1000, 5), noFormulas(1000, 5));
    expect(seen.serve(2, 4, 1000, 3)).toBeNull(); // column 6 was not read
    expect(seen.serve(2, 1, 100, 5)).toBeNull(); // 500 cells: one read is as cheap
  });

  it('mirrors our writes, grows with rows appended right below, and forgets on text Sheets would parse or deleted rows', () => {
    const seen = new SeenBlock();
    seen.keep(2, 1, grid(2000, 3), noFormulas(2000, 3));
    seen.wrote(5, 2, [[7, null]], null);
    seen.wrote(2002, 1, [['new', 1, 2]], [['@', '0', '0']]);
    const got = seen.serve(2, 1, 2001, 3);
    expect(got?.values[3]).toEqual([300, 7, null]);
    expect(got?.values[2000]).toEqual(['new', 1, 2]);
    seen.wrote(6, 2, [['12.5']], null);
    expect(seen.serve(2, 1, 2001, 3)).toBeNull();
    seen.keep(2, 1, grid(2000, 3), noFormulas(2000, 3));
    seen.forget();
    expect(seen.serve(2, 1, 2000, 3)).toBeNull();
  });
});
