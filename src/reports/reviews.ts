/**
 * Buyer reviews (feedbacks-api `GET /api/v1/feedbacks`, category «Вопросы и отзывы»):
 * one row per review, keyed by WB's review id. Texts stay plain text: buyers often start
 * them with "=", "+" or "-".
 *
 * WB sends no date for the seller's answer; the sheet shows when a refresh first saw
 * it (empty for reviews already answered when the add-on first loaded them).
 */
import { Cell } from '../gas/types';
import { dateTimeCell, numberCell, textCell } from './cells';
import { ReportSpec } from './types';

function details(row: Record<string, unknown>): Record<string, unknown> {
  const d = row.productDetails;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
}

function answer(row: Record<string, unknown>): Record<string, unknown> | null {
  const a = row.answer;
  return a && typeof a === 'object' ? (a as Record<string, unknown>) : null;
}

/** Whether WB shows an answer of the seller on the review. */
export function isAnswered(row: Record<string, unknown>): boolean {
  const a = answer(row);
  return a !== null && typeof a.text === 'string' && a.text !== '';
}

/** Set by the refresh: serial of when the answer was first seen (null when unknown or none). */
export const ANSWER_SEEN = '__answerSeen';

export const REVIEWS: ReportSpec = {
  id: 'reviews',
  mode: 'reviews',
  endpoint: 'feedbacks',
  title: { ru: 'WB Отзывы', en: 'WB Reviews' },
  keyColumns: ['id'],
  columns: [
    { id: 'id', type: 'text', ru: 'ID отзыва', en: 'Review ID', value: (row) => textCell(row.id) },
    { id: 'date', type: 'datetime', ru: 'Дата', en: 'Date', value: (row) => dateTimeCell(row.createdDate) },
    { id: 'nmId', type: 'int', ru: 'Артикул WB', en: 'WB article (nmId)', value: (row) => numberCell(details(row).nmId) },
    { id: 'supplierArticle', type: 'text', ru: 'Артикул продавца', en: 'Seller article', value: (row) => textCell(details(row).supplierArticle) },
    { id: 'size', type: 'text', ru: 'Размер', en: 'Size', value: (row) => textCell(details(row).size) },
    { id: 'stars', type: 'int', ru: 'Оценка', en: 'Stars', value: (row) => numberCell(row.productValuation) },
    { id: 'text', type: 'text', ru: 'Текст', en: 'Text', value: (row) => textCell(row.text) },
    { id: 'pros', type: 'text', ru: 'Достоинства', en: 'Pros', value: (row) => textCell(row.pros) },
    { id: 'cons', type: 'text', ru: 'Недостатки', en: 'Cons', value: (row) => textCell(row.cons) },
    { id: 'answered', type: 'bool', ru: 'Есть ответ', en: 'Answered', value: (row) => isAnswered(row) },
    {
      id: 'answerText',
      type: 'text',
      ru: 'Ответ продавца',
      en: 'Seller answer',
      value: (row) => (isAnswered(row) ? textCell((answer(row) as Record<string, unknown>).text) : null),
    },
    {
      id: 'answerDate',
      type: 'datetime',
      ru: 'Ответ замечен',
      en: 'Answer seen',
      value: (row) => (isAnswered(row) && typeof row[ANSWER_SEEN] === 'number' ? (row[ANSWER_SEEN] as Cell) : null),
    },
    { id: 'returned', type: 'bool', ru: 'Товар возвращён', en: 'Returned', value: (row) => row.orderStatus === 'returned' },
    { id: 'photos', type: 'int', ru: 'Фото', en: 'Photos', value: (row) => (Array.isArray(row.photoLinks) ? row.photoLinks.length : 0) },
    { id: 'videos', type: 'int', ru: 'Видео', en: 'Videos', value: (row) => (row.video && typeof row.video === 'object' ? 1 : 0) },
  ],
};
