/** ABC boundaries: by the running share before the article, exactly at 80 % and 95 %. */
import { abc } from '../../src/dashboard/abc';

const classes = (values: number[]) => abc(values.map((value, i) => ({ nmId: i + 1, article: 'A' + (i + 1), value }))).map((l) => l.abcClass);

describe('ABC classes', () => {
  it('keeps the article that crosses 80 % in A and puts the one starting at 80 % in B', () => {
    expect(classes([7000, 2000, 1000])).toEqual(['A', 'A', 'B']); // 70 % -> 90 %: crosses 80 %, still A
    expect(classes([5000, 3000, 1500, 500])).toEqual(['A', 'A', 'B', 'C']); // starts at 0, 50, exactly 80, exactly 95 %
  });

  it('a single dominant article is A', () => {
    expect(classes([9000, 600, 400])).toEqual(['A', 'B', 'C']);
  });

  it('puts an article starting exactly at 80 % or 95 % in the next class', () => {
    expect(classes([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([...'AAAAAAAAAAAAAAAA', 'B', 'B', 'B', 'C']);
  });

  it('by profit, a loss-maker and a break-even article are C at the bottom, not dropped, and do not move the others', () => {
    const lines = abc([{ nmId: 1, article: 'A1', value: 9000 }, { nmId: 2, article: 'A2', value: -500 }, { nmId: 3, article: 'A3', value: 1000 }, { nmId: 4, article: 'A4', value: 0 }], true);
    expect(lines.map((l) => [l.article, l.abcClass])).toEqual([['A1', 'A'], ['A3', 'B'], ['A4', 'C'], ['A2', 'C']]);
    expect(lines[3].share).toBeCloseTo(-0.05);
    expect(abc([{ nmId: 2, article: 'A2', value: -500 }]).length).toBe(0); // by revenue: nothing sold, not listed
  });
});
