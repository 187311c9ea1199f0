import { PropertyRateBook } from '../../src/sync/rate-book';
import { MemoryStore } from './memory-fakes';

describe('PropertyRateBook', () => {
  it('two executions each spending their own bucket keep both: neither writes back a stale copy of the other', () => {
    const doc = new MemoryStore();
    // A refresh and a sidebar key check start at the same time, each reading the book.
    const refresh = new PropertyRateBook(doc);
    const sidebar = new PropertyRateBook(doc);
    refresh.set('sales', { tokens: 0, at: 1000 });
    sidebar.set('ping:statistics-api.wildberries.ru', { tokens: 2, at: 1200 });
    const later = new PropertyRateBook(doc);
    expect(later.get('sales')).toEqual({ tokens: 0, at: 1000 });
    expect(later.get('ping:statistics-api.wildberries.ru')).toEqual({ tokens: 2, at: 1200 });
    // The refresh sees the sidebar's bucket after its own next write too.
    refresh.set('orders', { tokens: 9, at: 1300 });
    expect(new PropertyRateBook(doc).get('ping:statistics-api.wildberries.ru')).toEqual({ tokens: 2, at: 1200 });
  });

  it('a damaged property reads as no buckets at all', () => {
    const doc = new MemoryStore();
    doc.set('wb.rateBuckets', '{not json');
    const book = new PropertyRateBook(doc);
    expect(book.get('sales')).toBeUndefined();
    book.set('sales', { tokens: 0, at: 5 });
    expect(JSON.parse(doc.get('wb.rateBuckets') as string)).toEqual({ sales: { tokens: 0, at: 5 } });
  });
});
