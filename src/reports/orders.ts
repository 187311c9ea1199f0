/** Orders (statistics-api /api/v1/supplier/orders): one row per ordered unit, keyed by srid. */
import { field } from './cells';
import { ReportColumn, ReportSpec } from './types';

export const COMMON_HEAD: ReportColumn[] = [
  field('supplierArticle', 'text', 'Артикул продавца', 'Seller article'),
  field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
  field('barcode', 'text', 'Баркод', 'Barcode'),
  field('techSize', 'text', 'Размер', 'Size'),
  field('brand', 'text', 'Бренд', 'Brand'),
  field('category', 'text', 'Категория', 'Category'),
  field('subject', 'text', 'Предмет', 'Subject'),
  field('warehouseName', 'text', 'Склад', 'Warehouse'),
  field('warehouseType', 'text', 'Тип склада', 'Warehouse type'),
  field('countryName', 'text', 'Страна', 'Country'),
  field('oblastOkrugName', 'text', 'Округ', 'Federal district'),
  field('regionName', 'text', 'Регион', 'Region'),
  field('totalPrice', 'money', 'Цена без скидок', 'Price before discounts'),
  field('discountPercent', 'number', 'Скидка продавца, %', 'Seller discount, %'),
  field('spp', 'number', 'СПП, %', 'WB discount (SPP), %'),
];

export const COMMON_TAIL: ReportColumn[] = [
  field('incomeID', 'int', 'Номер поставки', 'Supply number'),
  field('isSupply', 'bool', 'Договор поставки', 'Supply contract'),
  field('isRealization', 'bool', 'Договор реализации', 'Realization contract'),
  field('sticker', 'text', 'Стикер', 'Sticker'),
  field('gNumber', 'text', 'Номер корзины', 'Basket (gNumber)'),
  field('srid', 'text', 'ID заказа (srid)', 'Order ID (srid)'),
];

export const ORDERS: ReportSpec = {
  id: 'orders',
  mode: 'changes',
  endpoint: 'orders',
  title: { ru: 'WB Заказы', en: 'WB Orders' },
  keyColumns: ['srid'],
  versionColumn: 'lastChangeDate',
  columns: [
    field('date', 'datetime', 'Дата заказа', 'Order date'),
    field('lastChangeDate', 'datetime', 'Изменено', 'Last change'),
    ...COMMON_HEAD,
    field('finishedPrice', 'money', 'Цена для покупателя', 'Buyer price'),
    field('priceWithDisc', 'money', 'Цена со скидкой продавца', 'Price with seller discount'),
    field('isCancel', 'bool', 'Отменён', 'Cancelled'),
    field('cancelDate', 'datetime', 'Дата отмены', 'Cancel date'),
    ...COMMON_TAIL,
  ],
};
