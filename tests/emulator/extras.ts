/**
 * Attributes the newer WB methods need beyond the statistics catalogue: a product's
 * title, colour, volume, TNVED code and marking flag, a warehouse's WB id, the
 * seller's legal name, INN and (masked) phone. All come from hashes of the seed, so
 * the catalogue's random stream (and every existing row) stays as it was.
 */
import { Product, WAREHOUSES } from './catalog';
import { Domain, hash32 } from './prng';

export interface ProductExtras {
  title: string;
  color: string | null;
  /** litres, 2 decimals */
  volume: number;
  tnved: string | null;
  needKiz: boolean;
  /** units per box in supplies */
  boxAmount: number;
  /** WB logistics tariff per delivery, kopecks */
  logisticsKop: number;
}

const COLORS = ['черный', 'белый', 'серый', 'синий', 'бежевый', 'красный', 'зеленый'];
const SUBJECT: Record<string, { title: string; tnved: string; volume: [number, number]; kiz: boolean }> = {
  Футболки: { title: 'Футболка хлопковая', tnved: '6109100000', volume: [0.8, 1.6], kiz: true },
  Худи: { title: 'Худи на молнии', tnved: '6110209100', volume: [2.4, 4.5], kiz: true },
  Платья: { title: 'Платье миди', tnved: '6204430000', volume: [1.2, 2.6], kiz: true },
  Джинсы: { title: 'Джинсы слим', tnved: '6203423500', volume: [1.8, 3.2], kiz: true },
  Бейсболки: { title: 'Бейсболка с вышивкой', tnved: '6505009000', volume: [1.5, 3.5], kiz: false },
  Сумки: { title: 'Сумка-шопер', tnved: '4202221000', volume: [2.0, 6.0], kiz: false },
  Носки: { title: 'Носки набор', tnved: '6115950000', volume: [0.3, 0.9], kiz: true },
  Полотенца: { title: 'Полотенце махровое', tnved: '6302600000', volume: [1.0, 4.0], kiz: true },
};

export function productExtras(seed: number, p: Product): ProductExtras {
  const h = (k: number) => hash32(seed, Domain.Extras, p.nmId, k);
  const s = SUBJECT[p.subject] ?? { title: p.subject, tnved: '0000000000', volume: [1, 2] as [number, number], kiz: false };
  const v = s.volume[0] + ((h(1) % 1000) / 1000) * (s.volume[1] - s.volume[0]);
  return {
    title: `${s.title} ${p.brand}`,
    color: h(2) % 8 === 0 ? null : COLORS[h(3) % COLORS.length],
    volume: Math.round(v * 100) / 100,
    tnved: s.kiz && h(4) % 10 === 0 ? null : s.tnved, // needKiz with tnved null: the seller must fill it in
    needKiz: s.kiz,
    boxAmount: [5, 10, 10, 20][h(5) % 4],
    logisticsKop: 4500 + (h(6) % 7500),
  };
}

/** WB warehouse ids (the real ones of these warehouses); 0 for the seller's own. */
export const WAREHOUSE_IDS: Record<string, number> = {
  Коледино: 507,
  Электросталь: 120762,
  Казань: 117986,
  Краснодар: 130744,
};
export function warehouseId(wh: number): number {
  return WAREHOUSE_IDS[WAREHOUSES[wh].name] ?? 0;
}

const SURNAMES = ['Соколова', 'Иванова', 'Кузнецова', 'Смирнова', 'Попова', 'Лебедева'];
const NAMES = ['Анна Сергеевна', 'Мария Игоревна', 'Елена Викторовна', 'Ольга Павловна', 'Ирина Андреевна'];

export interface SellerIdentity {
  /** sellerFinanceName, ppvzSupplierName */
  legalName: string;
  /** supplierAssignName */
  shortName: string;
  inn: string;
  /** the creator of supplies, masked as WB shows it: '+7 916 *** 44 44' */
  phone: string;
}

export function sellerIdentity(seed: number): SellerIdentity {
  const h = (k: number) => hash32(seed, Domain.Extras, 0x5e11e5, k);
  const surname = SURNAMES[h(1) % SURNAMES.length];
  const name = NAMES[h(2) % NAMES.length];
  let inn = '77';
  for (let i = 0; i < 10; i++) inn += String(h(10 + i) % 10);
  const two = (k: number) => String(h(k) % 100).padStart(2, '0');
  return {
    legalName: `ИП ${surname} ${name}`,
    shortName: `ИП ${surname} ${name.split(' ')[0][0]}. ${name.split(' ')[1][0]}.`,
    inn,
    phone: `+7 9${two(30)} *** ${two(32)} ${two(33)}`,
  };
}
