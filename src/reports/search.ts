/**
 * Search visibility (the Analytics search report, part of WB's paid «Джем»): per day and
 * article the average position in search, visibility %, transitions to the card from
 * search, add-to-cart and orders from search; and the top search queries, whose text is
 * kept exactly as buyers typed it (plain text: a query may start with "=" or "+").
 */
import { Cell } from '../gas/types';
import { field, numberCell, textCell } from './cells';
import { ReportSpec } from './types';

function current(v: unknown): Cell {
  return v && typeof v === 'object' ? numberCell((v as Record<string, unknown>).current) : null;
}

export const SEARCH: ReportSpec = {
  id: 'search',
  mode: 'search',
  endpoint: 'searchDetails',
  title: { ru: 'WB Поиск', en: 'WB Search' },
  keyColumns: ['date', 'nmId'],
  columns: [
    field('date', 'date', 'Дата', 'Date'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    { id: 'avgPosition', type: 'int', ru: 'Средняя позиция в поиске', en: 'Average search position', value: (row) => current(row.avgPosition) },
    { id: 'visibility', type: 'int', ru: 'Видимость, %', en: 'Visibility, %', value: (row) => current(row.visibility) },
    { id: 'openCard', type: 'int', ru: 'Переходы из поиска', en: 'Card opens from search', value: (row) => current(row.openCard) },
    { id: 'addToCart', type: 'int', ru: 'В корзину из поиска', en: 'Added to cart from search', value: (row) => current(row.addToCart) },
    { id: 'orders', type: 'int', ru: 'Заказы из поиска', en: 'Orders from search', value: (row) => current(row.orders) },
  ],
};

export const SEARCH_TEXTS: ReportSpec = {
  id: 'searchTexts',
  mode: 'derived',
  endpoint: 'searchTexts',
  title: { ru: 'WB Поисковые запросы', en: 'WB Search queries' },
  keyColumns: ['date', 'nmId', 'text'],
  columns: [
    field('date', 'date', 'Дата', 'Date'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    { id: 'text', type: 'text', ru: 'Поисковый запрос', en: 'Search query', value: (row) => textCell(row.text) },
    { id: 'frequency', type: 'int', ru: 'Частота запроса', en: 'Query frequency', value: (row) => current(row.frequency) },
    { id: 'medianPosition', type: 'int', ru: 'Медианная позиция', en: 'Median position', value: (row) => current(row.medianPosition) },
    { id: 'openCard', type: 'int', ru: 'Переходы в карточку', en: 'Card opens', value: (row) => current(row.openCard) },
    { id: 'orders', type: 'int', ru: 'Заказы', en: 'Orders', value: (row) => current(row.orders) },
  ],
};
