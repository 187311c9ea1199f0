/**
 * WB's own list of realization reports (Finance API `sales-reports/list`): one row per
 * report with WB's totals, among them «Итого к оплате» (bankPaymentSum), so the unit
 * economics sheet can show WB's figure beside the one computed from the detail rows.
 * Written by the realization refresh (Personal and Service keys only: WB refuses others).
 */
import { field } from './cells';
import { ReportColumn, ReportSpec } from './types';

const COLUMNS: ReportColumn[] = [
  field('reportId', 'text', 'Номер отчёта', 'Report ID'),
  field('reportType', 'int', 'Тип отчёта', 'Report type'),
  field('dateFrom', 'date', 'Период с', 'Period from'),
  field('dateTo', 'date', 'Период по', 'Period to'),
  field('createDate', 'date', 'Дата отчёта', 'Report date'),
  field('currency', 'text', 'Валюта', 'Currency'),
  field('retailAmountSum', 'money', 'Продажа', 'Sales'),
  field('forPaySum', 'money', 'К перечислению за товар', 'Payout for goods'),
  field('deliveryServiceSum', 'money', 'Стоимость логистики', 'Logistics'),
  field('paidStorageSum', 'money', 'Стоимость хранения', 'Storage'),
  field('paidAcceptanceSum', 'money', 'Стоимость операций при приёмке', 'Acceptance'),
  field('deductionSum', 'money', 'Прочие удержания и выплаты', 'Other deductions'),
  field('penaltySum', 'money', 'Общая сумма штрафов', 'Penalties'),
  field('additionalPaymentSum', 'money', 'Корректировка вознаграждения WB (ВВ)', 'WB fee adjustment'),
  field('cashbackAmountSum', 'money', 'Удержано за баллы программы лояльности', 'Withheld for loyalty points'),
  field('cashbackDiscountSum', 'money', 'Компенсация скидки по программе лояльности', 'Loyalty discount compensation'),
  field('cashbackCommissionChangeSum', 'money', 'Стоимость участия в программе лояльности', 'Loyalty programme fee'),
  field('paymentSchedule', 'money', 'Разовое изменение срока перечисления', 'One-off payout schedule change'),
  field('bankPaymentSum', 'money', 'Итого к оплате', 'Total to pay'),
];

export const REALIZATION_LIST: ReportSpec = {
  id: 'realizationList',
  mode: 'derived',
  endpoint: 'financeList',
  title: { ru: 'WB Отчёты реализации', en: 'WB Realization reports' },
  keyColumns: ['reportId'],
  columns: COLUMNS,
};
