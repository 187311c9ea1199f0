/**
 * The run log: one row per report per refresh, so a seller (and support) can see what
 * each run did. Capped: the oldest rows are dropped.
 */
import { field } from './cells';
import { ReportSpec } from './types';

export const RUN_LOG_MAX_ROWS = 1500;

export const RUN_LOG: ReportSpec = {
  id: 'runLog',
  mode: 'derived',
  endpoint: 'orders',
  title: { ru: 'WB Журнал', en: 'WB Run log' },
  keyColumns: ['runId', 'report'],
  columns: [
    field('started', 'datetime', 'Начало (МСК)', 'Started (MSK)'),
    field('finished', 'datetime', 'Конец (МСК)', 'Finished (MSK)'),
    field('report', 'text', 'Отчёт', 'Report'),
    field('trigger', 'text', 'Запуск', 'Trigger'),
    field('requests', 'int', 'Запросов к WB', 'WB requests'),
    field('added', 'int', 'Новых строк', 'Rows added'),
    field('updated', 'int', 'Обновлено строк', 'Rows updated'),
    field('result', 'text', 'Результат', 'Result'),
    field('message', 'text', 'Сообщение', 'Message'),
    field('runId', 'text', 'ID запуска', 'Run ID'),
  ],
};
