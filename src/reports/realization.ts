/**
 * The realization report (Finance API `sales-reports/detailed`): one row per detail
 * line, keyed by rrdId. Money arrives as strings and is stored as numbers with every
 * digit WB sent ('1.349' stays 1.349); ids beyond 2^53 (daily reportIds) are kept
 * exactly, as text. Several reports of one week (types 1, 2, 3) stay apart by their
 * reportId and type.
 */
import { field } from './cells';
import { ReportColumn, ReportSpec } from './types';

/** The columns a seller reconciles with. */
const MAIN: ReportColumn[] = [
  field('rrdId', 'text', 'ID строки', 'Row ID (rrdId)'),
  field('reportId', 'text', 'Номер отчёта', 'Report ID'),
  field('reportType', 'int', 'Тип отчёта', 'Report type'),
  field('dateFrom', 'date', 'Период с', 'Period from'),
  field('dateTo', 'date', 'Период по', 'Period to'),
  field('createDate', 'date', 'Дата отчёта', 'Report date'),
  field('rrDate', 'date', 'Дата операции', 'Operation date'),
  field('sellerOperName', 'text', 'Обоснование для оплаты', 'Operation'),
  field('docTypeName', 'text', 'Тип документа', 'Document type'),
  field('bonusTypeName', 'text', 'Вид логистики, штрафа', 'Logistics / penalty type'),
  field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
  field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
  field('sku', 'text', 'Баркод', 'Barcode'),
  field('techSize', 'text', 'Размер', 'Size'),
  field('title', 'text', 'Название', 'Title'),
  field('subjectName', 'text', 'Предмет', 'Subject'),
  field('brandName', 'text', 'Бренд', 'Brand'),
  field('quantity', 'int', 'Кол-во', 'Quantity'),
  field('retailPrice', 'money', 'Цена розничная', 'Retail price'),
  field('retailPriceWithDisc', 'money', 'Цена розничная с учётом скидки', 'Retail price with discount'),
  field('retailAmount', 'money', 'Вайлдберриз реализовал (Пр)', 'Sale amount (retailAmount)'),
  field('ppvzSalesCommission', 'money', 'Комиссия с продаж', 'Sales commission'),
  field('vw', 'money', 'Вознаграждение WB без НДС', 'WB fee excl. VAT'),
  field('vwNds', 'money', 'НДС с вознаграждения WB', 'VAT on WB fee'),
  field('acquiringFee', 'money', 'Эквайринг', 'Acquiring fee'),
  field('deliveryService', 'money', 'Логистика', 'Logistics'),
  field('deliveryAmount', 'int', 'Кол-во доставок', 'Deliveries'),
  field('returnAmount', 'int', 'Кол-во возвратов', 'Returns'),
  field('paidStorage', 'money', 'Хранение', 'Storage'),
  field('paidAcceptance', 'money', 'Платная приёмка', 'Paid acceptance'),
  field('penalty', 'money', 'Штрафы', 'Penalties'),
  field('deduction', 'money', 'Удержания', 'Deductions'),
  // WB (13-finances.yaml) now defines additionalPayment as a correction of its fee, not a bonus to the seller.
  { ...field('additionalPayment', 'money', 'Корректировка вознаграждения WB (ВВ)', 'WB fee adjustment'), aliases: ['Доплаты', 'Additional payments'] },
  field('rebillLogisticCost', 'money', 'Возмещение издержек по перевозке', 'Rebilled logistics'),
  // The loyalty programme and the payout schedule enter WB's «Итого к оплате» (see daily/aggregate.ts).
  field('cashbackAmount', 'money', 'Удержано за баллы программы лояльности', 'Withheld for loyalty points'),
  field('cashbackDiscount', 'money', 'Компенсация скидки по программе лояльности', 'Loyalty discount compensation'),
  field('cashbackCommissionChange', 'money', 'Стоимость участия в программе лояльности', 'Loyalty programme fee'),
  field('paymentSchedule', 'money', 'Разовое изменение срока перечисления', 'One-off payout schedule change'),
  field('forPay', 'money', 'К перечислению продавцу', 'Payout to seller'),
  field('orderDt', 'datetime', 'Дата заказа', 'Order date'),
  field('saleDt', 'datetime', 'Дата продажи', 'Sale date'),
  field('officeName', 'text', 'Склад', 'Warehouse'),
  field('giId', 'text', 'Номер поставки', 'Supply ID'),
  field('orderId', 'text', 'Номер сборочного задания', 'Assembly task'),
  field('srid', 'text', 'ID заказа (srid)', 'Order ID (srid)'),
  field('country', 'text', 'Страна', 'Country'),
];

/** WB's other detail fields, shown only when the seller asks for all fields. */
const EXTRA_FIELDS: [string, ReportColumn['type']][] = [
  ['currency', 'text'], ['dlvPrc', 'number'], ['fixTariffDateFrom', 'date'], ['fixTariffDateTo', 'date'],
  ['salePercent', 'number'], ['commissionPercent', 'number'], ['shkId', 'text'], ['giBoxTypeName', 'text'],
  ['productDiscountForReport', 'number'], ['sellerPromo', 'money'], ['spp', 'number'], ['kvwBase', 'number'],
  ['kvw', 'number'], ['supRatingUp', 'number'], ['isKgvpV2', 'number'], ['ppvzReward', 'money'],
  ['acquiringPercent', 'number'], ['paymentProcessing', 'text'], ['acquiringBank', 'text'], ['ppvzOfficeName', 'text'],
  ['ppvzOfficeId', 'text'], ['ppvzSupplierName', 'text'], ['ppvzSupplierInn', 'text'], ['declarationNumber', 'text'],
  ['stickerId', 'text'], ['srvDbs', 'bool'], ['rebillLogisticOrg', 'text'], ['kiz', 'text'], ['isB2b', 'bool'],
  ['trbxId', 'text'], ['installmentCofinancingAmount', 'money'], ['wibesDiscountPercent', 'number'],
  ['deliveryMethod', 'text'], ['sellerPromoId', 'text'], ['sellerPromoDiscount', 'number'],
  ['loyaltyId', 'text'], ['loyaltyDiscount', 'number'], ['uuidPromocode', 'text'], ['salePricePromocodeDiscountPrc', 'number'],
  ['articleSubstitution', 'text'], ['salePriceAffiliatedDiscountPrc', 'number'], ['agencyVat', 'number'],
  ['salePriceWholesaleDiscountPrc', 'number'], ['b2bCustomerTin', 'text'], ['orderUid', 'text'],
];

const EXTRA: ReportColumn[] = EXTRA_FIELDS.map(([name, type]) => field(name, type, name, name));

export const REALIZATION: ReportSpec = {
  id: 'realization',
  mode: 'realization',
  endpoint: 'financeDetailed',
  title: { ru: 'WB Реализация', en: 'WB Realization' },
  keyColumns: ['rrdId'],
  columns: MAIN,
};

/** The realization spec with every WB field, for sellers who ask for it in settings. */
export const REALIZATION_ALL_FIELDS: ReportSpec = { ...REALIZATION, columns: MAIN.concat(EXTRA) };

/** Operations that are sales and returns of goods (the rest are WB's services and charges). */
export const SALE_OPERATION = 'Продажа';
export const RETURN_OPERATION = 'Возврат';

/**
 * The WB `fields` a realization request asks for: exactly what the sheet keeps (a
 * full 91-field row is 2–2.5 KB of JSON, so asking for all of it would push a page of
 * a large seller over Google's 50 MB cap). Every column reads the WB field of its own
 * id; a tests/unit check maps full and trimmed rows alike, so a column that reads
 * another field fails there until that field is listed here.
 */
export function realizationFields(spec: ReportSpec): string[] {
  return spec.columns.map((c) => c.id);
}
