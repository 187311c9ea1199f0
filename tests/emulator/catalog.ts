/**
 * The seller's catalogue, warehouses and buyer regions. Articles, sizes and barcodes
 * deliberately include values a spreadsheet likes to mangle: leading zeros, things
 * that look like dates or numbers, text starting with '=' or '+'.
 */
import { Domain, Rng } from './prng';

export interface Size {
  techSize: string;
  barcode: string;
}

export interface Product {
  supplierArticle: string;
  nmId: number;
  brand: string;
  category: string;
  subject: string;
  sizes: Size[];
  /** totalPrice, whole roubles */
  price: number;
  /** the seller's usual discount, % */
  discount: number;
  /** WB commission share used for forPay */
  commission: number;
  /** per warehouse index: the supply number (0 for the seller's own warehouse) */
  incomeIds: number[];
  /** popularity weight */
  weight: number;
}

export interface Warehouse {
  name: string;
  type: 'Склад WB' | 'Склад продавца';
  weight: number;
}

export interface Region {
  country: string;
  okrug: string;
  region: string;
  weight: number;
}

/** Nasty seller articles first, then ordinary ones. */
export const NASTY_ARTICLES = ['00123', '2026-01-02', '=SUM(A1)', '+7-900', '01.02'];
/** Ordinary articles and the template (below) each one belongs to. */
const NORMAL_ARTICLES: [string, number][] = [
  ['TSH-BLK-OVR', 0],
  ['TSH-WHT-OVR', 0],
  ['HD-GRY-ZIP', 1],
  ['CAP-NVY-01', 4],
  ['SOCK-3PK-MIX', 6],
  ['BAG-TOTE-BEIGE', 5],
  ['DRS-RED-MIDI', 2],
  ['JNS-BLU-SLIM', 3],
  ['TWL-WHT-70', 7],
];

interface Template {
  category: string;
  subject: string;
  sizes: string[];
  price: [number, number];
}

const TEMPLATES: Template[] = [
  { category: 'Одежда', subject: 'Футболки', sizes: ['S', 'M', 'L', 'XL'], price: [990, 2990] },
  { category: 'Одежда', subject: 'Худи', sizes: ['M', 'L', 'XL'], price: [2490, 5990] },
  { category: 'Одежда', subject: 'Платья', sizes: ['42-44', '46-48', '50-52'], price: [1990, 6990] },
  { category: 'Одежда', subject: 'Джинсы', sizes: ['28', '30', '32', '34'], price: [2490, 4990] },
  { category: 'Аксессуары', subject: 'Бейсболки', sizes: ['0'], price: [690, 1590] },
  { category: 'Аксессуары', subject: 'Сумки', sizes: ['0'], price: [1490, 3990] },
  { category: 'Белье', subject: 'Носки', sizes: ['36-38', '39-41', '42-44'], price: [390, 990] },
  { category: 'Дом', subject: 'Полотенца', sizes: ['50x90', '70x140'], price: [590, 1890] },
];

const BRANDS = ['Северный Ветер', 'Тёплый "Дом"', 'Мастерская №7'];

export const WAREHOUSES: Warehouse[] = [
  { name: 'Коледино', type: 'Склад WB', weight: 40 },
  { name: 'Электросталь', type: 'Склад WB', weight: 25 },
  { name: 'Казань', type: 'Склад WB', weight: 15 },
  { name: 'Краснодар', type: 'Склад WB', weight: 12 },
  { name: 'Мой склад Люберцы', type: 'Склад продавца', weight: 8 },
];
export const WAREHOUSE_WEIGHTS = WAREHOUSES.map((w) => w.weight);

export const REGIONS: Region[] = [
  { country: 'Россия', okrug: 'Центральный федеральный округ', region: 'Москва', weight: 30 },
  { country: 'Россия', okrug: 'Центральный федеральный округ', region: 'Московская область', weight: 18 },
  { country: 'Россия', okrug: 'Северо-Западный федеральный округ', region: 'Санкт-Петербург', weight: 12 },
  { country: 'Россия', okrug: 'Приволжский федеральный округ', region: 'Республика Татарстан', weight: 8 },
  { country: 'Россия', okrug: 'Приволжский федеральный округ', region: 'Нижегородская область', weight: 6 },
  { country: 'Россия', okrug: 'Южный федеральный округ', region: 'Краснодарский край', weight: 9 },
  { country: 'Россия', okrug: 'Уральский федеральный округ', region: 'Свердловская область', weight: 6 },
  { country: 'Россия', okrug: 'Сибирский федеральный округ', region: 'Новосибирская область', weight: 5 },
  { country: 'Беларусь', okrug: '', region: 'Минская область', weight: 3 },
  { country: 'Казахстан', okrug: '', region: 'Алматы', weight: 3 },
];
export const REGION_WEIGHTS = REGIONS.map((r) => r.weight);

/** Orders per hour of the Moscow day, relative (night is quiet, evening is busy). */
export const HOUR_WEIGHTS = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.15, 1.2, 1.2, 1.15, 1.1, 1.1, 1.15, 1.25, 1.35, 1.4,
  1.35, 1.05, 0.65,
];
export const HOUR_WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

export interface Seller {
  sid: string;
  oid: number;
  products: Product[];
}

export function makeSeller(seed: number, articles: number): Seller {
  const rng = new Rng(seed, Domain.Catalog);
  const sid = rng.uuid();
  const oid = rng.int(100_000, 4_999_999);
  // The nasty ones come first: with articles >= 5 all of them are on sale.
  const names: [string, number][] = [];
  for (let i = 0; i < articles; i++) {
    const randomTemplate = rng.int(0, TEMPLATES.length - 1);
    if (i < NASTY_ARTICLES.length) {
      names.push([NASTY_ARTICLES[i], randomTemplate]);
    } else {
      const j = i - NASTY_ARTICLES.length;
      const [base, tpl] = NORMAL_ARTICLES[j % NORMAL_ARTICLES.length];
      const round = Math.floor(j / NORMAL_ARTICLES.length);
      names.push([round === 0 ? base : `${base}-${round + 1}`, tpl]);
    }
  }
  const nmIds = new Set<number>();
  const barcodes = new Set<string>();
  const products: Product[] = [];
  for (let i = 0; i < articles; i++) {
    const tpl = TEMPLATES[names[i][1]];
    let nmId: number;
    do nmId = rng.int(100_000_000, 999_999_999);
    while (nmIds.has(nmId));
    nmIds.add(nmId);
    const count = Math.min(tpl.sizes.length, rng.int(1, 4));
    const start = rng.int(0, tpl.sizes.length - count);
    const sizes: Size[] = [];
    for (let k = 0; k < count; k++) {
      let barcode: string;
      do barcode = rng.chance(0.25) ? '0460' + rng.digits(9) : '20' + rng.int(3, 4) + rng.digits(10);
      while (barcodes.has(barcode));
      barcodes.add(barcode);
      sizes.push({ techSize: tpl.sizes[start + k], barcode });
    }
    const price = Math.round(rng.int(tpl.price[0], tpl.price[1]) / 10) * 10 - (rng.chance(0.5) ? 10 : 0);
    const incomeIds = WAREHOUSES.map((w) => (w.type === 'Склад продавца' ? 0 : rng.int(20_000_000, 29_999_999)));
    products.push({
      supplierArticle: names[i][0],
      nmId,
      brand: BRANDS[i % BRANDS.length],
      category: tpl.category,
      subject: tpl.subject,
      sizes,
      price,
      discount: rng.pick([10, 20, 25, 30, 35, 40, 45, 50, 55]),
      commission: 0.15 + rng.int(0, 10) / 100,
      incomeIds,
      weight: 0.3 + rng.float() * 2,
    });
  }
  return { sid, oid, products };
}
