/**
 * A starting dictionary for the lubricant market (the demo's and the tests'): the five brands a
 * rep meets most in China, a few of their packs with specs and SKUs, and three of our own
 * products with prices (the SKUs the demo's visit cards order). Fixed ids, so tests and the demo
 * can name an entry. Installed with `installSeedDictionary`, which writes through `saveRecord`.
 */
import type { Author } from '../../kernel/record';
import type { FieldkitDatabase } from '../../store/database';
import { saveRecord } from '../../store/records';
import { Competitor, Product } from './schema';

export const SEED_AUTHOR: Author = { id: 'fieldkit-seed', name: 'Fieldkit' };
const CREATED = '2026-09-01T00:00:00.000Z';

/** Competitor ids, by the name tests use. */
export const SEED_IDS = {
  mobil: '01JDXC00000000000000000001',
  shell: '01JDXC00000000000000000002',
  castrol: '01JDXC00000000000000000003',
  greatWall: '01JDXC00000000000000000004',
  kunlun: '01JDXC00000000000000000005',
  ourUltra: '01JDXP00000000000000000001',
  ourHx7: '01JDXP00000000000000000002',
  ourHx5: '01JDXP00000000000000000003',
  mobil1_0w40_4l: '01JDXP00000000000000000011',
  mobil1_5w30_4l: '01JDXP00000000000000000012',
  mobil1Advanced_5w30_5qt: '01JDXP00000000000000000013',
  mobilSuper_5w30_4l: '01JDXP00000000000000000014',
  delvac_15w40_18l: '01JDXP00000000000000000015',
  helixUltra_0w40_4l: '01JDXP00000000000000000021',
  helixUltra_5w30_4l: '01JDXP00000000000000000022',
  rimula_15w40_18l: '01JDXP00000000000000000023',
  edge_0w40_4l: '01JDXP00000000000000000031',
  edge_5w30_4l: '01JDXP00000000000000000032',
  magnatec_5w40_4l: '01JDXP00000000000000000033',
  gtx_10w40_4l: '01JDXP00000000000000000034',
  jinjixing_5w30_4l: '01JDXP00000000000000000041',
  zunlong_15w40_18l: '01JDXP00000000000000000042',
  tianrun_5w40_4l: '01JDXP00000000000000000051',
  tianwei_15w40_18l: '01JDXP00000000000000000052',
} as const;

const base = (id: string) => ({ id, schemaVersion: 1, author: SEED_AUTHOR, createdAt: CREATED, updatedAt: CREATED, status: 'approved' });

const COMPETITORS = [
  { id: SEED_IDS.mobil, name: '美孚', aliases: ['Mobil', 'ExxonMobil', '埃克森美孚'], brands: ['美孚1号', 'Mobil 1', '速霸', 'Mobil Super', '黑霸王', 'Delvac'] },
  { id: SEED_IDS.shell, name: '壳牌', aliases: ['Shell', '壳牌石油'], brands: ['喜力', 'Helix', '劲霸', 'Rimula'] },
  { id: SEED_IDS.castrol, name: '嘉实多', aliases: ['Castrol'], brands: ['极护', 'EDGE', '磁护', 'MAGNATEC', '金嘉护', 'GTX'] },
  { id: SEED_IDS.greatWall, name: '长城', aliases: ['长城润滑油', 'Great Wall', 'Sinopec Lubricant', '中国石化润滑油'], brands: ['金吉星', '尊龙'] },
  { id: SEED_IDS.kunlun, name: '昆仑', aliases: ['昆仑润滑油', 'Kunlun', 'PetroChina Lubricant', '中国石油润滑油'], brands: ['天润', '天威'] },
];

type ProductSeed = Partial<Product> & Pick<Product, 'id' | 'name'>;

const competitor = (id: string) => ({ competitorId: id, competitorName: COMPETITORS.find((c) => c.id === id)!.name });

const PRODUCTS: ProductSeed[] = [
  // Ours: the SKUs the demo's visit cards order, with the prices the price chart draws.
  {
    id: SEED_IDS.ourUltra,
    name: 'Ultra 全合成机油',
    brand: 'Ultra',
    aliases: ['Ultra Full Synthetic'],
    spec: '0W-20 4L',
    sku: 'Ultra 0W-20 4L',
    unit: '桶',
    prices: [
      { kind: 'retail', amount: 398, currency: 'CNY', unit: '元/桶', from: '2026-09-01' },
      { kind: 'supply', amount: 286, currency: 'CNY', unit: '元/桶', from: '2026-09-01' },
    ],
  },
  {
    id: SEED_IDS.ourHx7,
    name: 'HX7 合成技术机油',
    brand: 'HX7',
    aliases: ['HX7 Synthetic Technology'],
    spec: '5W-40 4L',
    sku: 'HX7 5W-40 4L',
    unit: '桶',
    prices: [
      { kind: 'retail', amount: 268, currency: 'CNY', unit: '元/桶', from: '2026-09-01' },
      { kind: 'supply', amount: 192, currency: 'CNY', unit: '元/桶', from: '2026-09-01' },
      { kind: 'retail', amount: 258, currency: 'CNY', unit: '元/桶', from: '2026-11-15' },
    ],
  },
  { id: SEED_IDS.ourHx5, name: 'HX5 优质矿物机油', brand: 'HX5', aliases: ['HX5 Premium Mineral'], spec: '10W-40 4L', sku: 'HX5 10W-40 4L', unit: '桶', prices: [{ kind: 'retail', amount: 168, currency: 'CNY', unit: '元/桶', from: '2026-09-01' }] },

  // 美孚 / Mobil
  { id: SEED_IDS.mobil1_0w40_4l, ...competitor(SEED_IDS.mobil), brand: '美孚1号', name: '美孚1号 全合成机油', aliases: ['Mobil 1 Full Synthetic', '美孚一号全合成'], spec: '0W-40 4L', sku: 'M1-0W40-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.mobil1_5w30_4l, ...competitor(SEED_IDS.mobil), brand: '美孚1号', name: '美孚1号 全合成机油', aliases: ['Mobil 1 Full Synthetic', '美孚一号全合成'], spec: '5W-30 4L', sku: 'M1-5W30-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.mobil1Advanced_5w30_5qt, ...competitor(SEED_IDS.mobil), brand: 'Mobil 1', name: 'Mobil 1 Advanced Full Synthetic', aliases: ['美孚1号 美版高级全合成机油'], spec: '5W-30 5 qt', sku: 'M1A-5W30-5QT', unit: '桶' },
  { id: SEED_IDS.mobilSuper_5w30_4l, ...competitor(SEED_IDS.mobil), brand: '速霸', name: '美孚速霸2000 全合成机油', aliases: ['Mobil Super 2000'], spec: '5W-30 4L', sku: 'MS2000-5W30-4L', unit: '桶', comparesWith: SEED_IDS.ourHx7 },
  { id: SEED_IDS.delvac_15w40_18l, ...competitor(SEED_IDS.mobil), brand: '黑霸王', name: '美孚黑霸王 柴油机油', aliases: ['Mobil Delvac'], spec: '15W-40 18L', sku: 'DELVAC-15W40-18L', unit: '桶' },

  // 壳牌 / Shell
  { id: SEED_IDS.helixUltra_0w40_4l, ...competitor(SEED_IDS.shell), brand: '喜力', name: '壳牌超凡喜力 全合成机油', aliases: ['超凡喜力', 'Shell Helix Ultra', 'Helix Ultra'], spec: '0W-40 4L', sku: 'HU-0W40-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.helixUltra_5w30_4l, ...competitor(SEED_IDS.shell), brand: '喜力', name: '壳牌超凡喜力 全合成机油', aliases: ['超凡喜力', 'Shell Helix Ultra', 'Helix Ultra'], spec: '5W-30 4L', sku: 'HU-5W30-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.rimula_15w40_18l, ...competitor(SEED_IDS.shell), brand: '劲霸', name: '壳牌劲霸 R4 柴油机油', aliases: ['Shell Rimula R4', '劲霸R4'], spec: '15W-40 18L', sku: 'R4-15W40-18L', unit: '桶' },

  // 嘉实多 / Castrol
  { id: SEED_IDS.edge_0w40_4l, ...competitor(SEED_IDS.castrol), brand: '极护', name: '嘉实多极护 全合成机油', aliases: ['Castrol EDGE', '极护'], spec: '0W-40 4L', sku: 'EDGE-0W40-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.edge_5w30_4l, ...competitor(SEED_IDS.castrol), brand: '极护', name: '嘉实多极护 全合成机油', aliases: ['Castrol EDGE', '极护'], spec: '5W-30 4L', sku: 'EDGE-5W30-4L', unit: '桶', comparesWith: SEED_IDS.ourUltra },
  { id: SEED_IDS.magnatec_5w40_4l, ...competitor(SEED_IDS.castrol), brand: '磁护', name: '嘉实多磁护 全合成机油', aliases: ['Castrol MAGNATEC', '磁护'], spec: '5W-40 4L', sku: 'MAG-5W40-4L', unit: '桶', comparesWith: SEED_IDS.ourHx7 },
  { id: SEED_IDS.gtx_10w40_4l, ...competitor(SEED_IDS.castrol), brand: '金嘉护', name: '嘉实多金嘉护 合成技术机油', aliases: ['Castrol GTX', '金嘉护'], spec: '10W-40 4L', sku: 'GTX-10W40-4L', unit: '桶', comparesWith: SEED_IDS.ourHx5 },

  // 长城 / Great Wall (Sinopec)
  { id: SEED_IDS.jinjixing_5w30_4l, ...competitor(SEED_IDS.greatWall), brand: '金吉星', name: '长城金吉星 J500 全合成机油', aliases: ['金吉星J500', 'Great Wall Jinjixing J500'], spec: '5W-30 4L', sku: 'GW-J500-5W30-4L', unit: '桶', comparesWith: SEED_IDS.ourHx7 },
  { id: SEED_IDS.zunlong_15w40_18l, ...competitor(SEED_IDS.greatWall), brand: '尊龙', name: '长城尊龙 T500 柴油机油', aliases: ['尊龙T500', 'Great Wall Zunlong T500'], spec: '15W-40 18L', sku: 'GW-T500-15W40-18L', unit: '桶' },

  // 昆仑 / Kunlun (PetroChina)
  { id: SEED_IDS.tianrun_5w40_4l, ...competitor(SEED_IDS.kunlun), brand: '天润', name: '昆仑天润 KR9 全合成机油', aliases: ['天润KR9', 'Kunlun Tianrun KR9'], spec: '5W-40 4L', sku: 'KL-KR9-5W40-4L', unit: '桶', comparesWith: SEED_IDS.ourHx7 },
  { id: SEED_IDS.tianwei_15w40_18l, ...competitor(SEED_IDS.kunlun), brand: '天威', name: '昆仑天威 柴油机油', aliases: ['Kunlun Tianwei'], spec: '15W-40 18L', sku: 'KL-TW-15W40-18L', unit: '桶' },
];

/** The seed as stored rows (parsed, so every default is filled in). */
export const SEED_DICTIONARY: { competitors: Competitor[]; products: Product[] } = {
  competitors: COMPETITORS.map((c) => Competitor.parse({ ...base(c.id), ...c })),
  products: PRODUCTS.map((p) => Product.parse({ ...base(p.id), ...p })),
};

/**
 * Writes the seed into a database through `saveRecord` (so it is queued for the CRM and reaches
 * every device), keeping rows already there. Returns how many entries it added.
 */
export async function installSeedDictionary(db: FieldkitDatabase, { author = SEED_AUTHOR, now }: { author?: Author; now?: Date } = {}): Promise<number> {
  let added = 0;
  for (const row of SEED_DICTIONARY.competitors) {
    if (await db.competitors.get(row.id)) continue;
    const { id, name, aliases, brands, status } = row;
    await saveRecord(db, 'competitors', { id, name, aliases, brands, status }, { author, now });
    added += 1;
  }
  for (const row of SEED_DICTIONARY.products) {
    if (await db.products.get(row.id)) continue;
    const { schemaVersion: _v, author: _a, createdAt: _c, updatedAt: _u, crm: _crm, ...draft } = row;
    await saveRecord(db, 'products', draft, { author, now });
    added += 1;
  }
  return added;
}

const HAN = /[\u3400-\u9fff]/;
const LATIN_WORD = /[A-Za-z]*[a-z][A-Za-z]*/;

/**
 * The seed as a team writing one language would keep it (the demo's and the screenshots' data):
 * in English, names are the first alias written in Latin letters and Chinese names are dropped;
 * in Chinese, Latin names are dropped unless they are codes in capitals (EDGE, GTX). SKUs, specs
 * ids and prices are kept (units as typed: the UI says 元/桶 as "/drum"), so tests can name the
 * same entries in either language.
 */
export function seedDictionaryIn(locale: 'zh-CN' | 'en'): { competitors: Competitor[]; products: Product[] } {
  const keep = (name: string) => (locale === 'en' ? !HAN.test(name) : !LATIN_WORD.test(name.replace(/\b[A-Z0-9-]+\b/g, '')));
  const renamed = (name: string, aliases: readonly string[]) => (keep(name) ? name : (aliases.find(keep) ?? name));
  const competitors = SEED_DICTIONARY.competitors.map((c) => {
    const name = renamed(c.name, c.aliases);
    return { ...c, name, aliases: c.aliases.filter((a) => keep(a) && a !== name), brands: c.brands.filter(keep) };
  });
  const nameOf = new Map(competitors.map((c) => [c.id, c.name]));
  const products = SEED_DICTIONARY.products.map((p) => {
    const name = renamed(p.name, p.aliases);
    const brand = p.brand && keep(p.brand) ? p.brand : undefined;
    const { brand: _brand, ...rest } = p;
    return {
      ...rest,
      ...(brand ? { brand } : {}),
      name,
      aliases: p.aliases.filter((a) => keep(a) && a !== name),
      ...(p.competitorId ? { competitorName: nameOf.get(p.competitorId) } : {}),
    };
  });
  return { competitors, products };
}
