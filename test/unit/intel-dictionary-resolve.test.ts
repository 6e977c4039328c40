import { describe, expect, it } from 'vitest';
import { createResolver } from '../../lib/intel/dictionary/resolve';
import { SEED_DICTIONARY, SEED_IDS } from '../../lib/intel/dictionary/seed';
import { Competitor, Product } from '../../lib/intel/dictionary/schema';

const { competitors, products } = SEED_DICTIONARY;
const resolver = createResolver(competitors, products);
const item = (fields: { competitorId?: string; competitorName: string; product?: string; sku?: string; spec?: string }) => ({ sku: '', ...fields });

describe('createResolver: competitors', () => {
  it('resolves a name, an alias or a brand to the competitor, whatever the case or width', () => {
    for (const name of ['美孚', 'Mobil', 'MOBIL', 'ＥｘｘｏｎＭｏｂｉｌ', ' exxonmobil ', '美孚1号', 'Mobil 1', '埃克森美孚']) {
      expect(resolver.competitorOf({ competitorName: name }), name).toEqual({ key: SEED_IDS.mobil, name: '美孚' });
    }
    expect(resolver.competitorOf({ competitorName: 'Sinopec Lubricant' })).toEqual({ key: SEED_IDS.greatWall, name: '长城' });
  });

  it('prefers the id the item carries over its typed name', () => {
    expect(resolver.competitorOf({ competitorId: SEED_IDS.shell, competitorName: 'Mobil' })).toEqual({ key: SEED_IDS.shell, name: '壳牌' });
  });

  it('resolves a name it does not know to itself, keyed by its normalised form', () => {
    expect(resolver.competitorOf({ competitorName: ' 统一润滑油 ' })).toEqual({ key: '统一润滑油', name: '统一润滑油' });
    expect(resolver.competitorOf({ competitorName: 'Ｆｕｃｈｓ' })).toEqual({ key: 'fuchs', name: 'Ｆｕｃｈｓ' });
    expect(resolver.competitorOf({ competitorName: 'FUCHS' }).key).toBe(resolver.competitorOf({ competitorName: 'fuchs' }).key);
  });

  it('follows merges, chains included, to the survivor', () => {
    const base = competitors[0]!;
    const a = Competitor.parse({ ...base, id: '01JDXC000000000000000000A1', name: '美孚石油', aliases: ['Mobil Oil'], brands: [], mergedInto: '01JDXC000000000000000000A2' });
    const b = Competitor.parse({ ...base, id: '01JDXC000000000000000000A2', name: '美孚润滑油', aliases: [], brands: [], mergedInto: SEED_IDS.mobil });
    const merged = createResolver([...competitors, a, b], products);
    expect(merged.competitorOf({ competitorId: a.id, competitorName: '美孚石油' })).toEqual({ key: SEED_IDS.mobil, name: '美孚' });
    expect(merged.competitorOf({ competitorName: 'mobil oil' })).toEqual({ key: SEED_IDS.mobil, name: '美孚' });
    // A loop never hangs: it stops where it is.
    const loop = createResolver([{ ...a, mergedInto: b.id }, { ...b, mergedInto: a.id }], []);
    expect(['美孚石油', '美孚润滑油']).toContain(loop.competitorOf({ competitorName: '美孚石油' }).name);
  });

  it('ignores deleted entries', () => {
    const gone = createResolver([{ ...competitors[0]!, deletedAt: '2026-11-01T00:00:00.000Z' }], []);
    expect(gone.competitorOf({ competitorName: 'Mobil', competitorId: SEED_IDS.mobil })).toEqual({ key: 'mobil', name: 'Mobil' });
  });
});

describe('createResolver: products', () => {
  it('finds the product by SKU, with the own product it competes with', () => {
    const p = resolver.productOf(item({ competitorName: 'Mobil', sku: 'm1-0w40-4l', product: '美孚一号 0W40' }));
    expect(p).toMatchObject({ key: SEED_IDS.mobil1_0w40_4l, name: '美孚1号 全合成机油', sku: 'M1-0W40-4L', spec: '0W-40 4L' });
    expect(p.ownProduct?.id).toBe(SEED_IDS.ourUltra);
    expect(p.ownProduct?.prices?.[0]).toMatchObject({ kind: 'retail', amount: 398 });
  });

  it('finds it by name and spec when the SKU is unknown, and tells packs of one name apart', () => {
    expect(resolver.productOf(item({ competitorName: '美孚', product: 'Mobil 1 Full Synthetic', spec: '5W-30 4L' })).key).toBe(SEED_IDS.mobil1_5w30_4l);
    expect(resolver.productOf(item({ competitorName: '美孚', product: '美孚1号 全合成机油', spec: '0W-40 4L' })).key).toBe(SEED_IDS.mobil1_0w40_4l);
    // One name, two packs, no spec: not a guess.
    const unsure = resolver.productOf(item({ competitorName: '美孚', product: '美孚1号 全合成机油' }));
    expect(unsure.key).toBe(`${SEED_IDS.mobil}|美孚1号全合成机油|`);
    expect(unsure.ownProduct).toBeUndefined();
  });

  it('keeps another competitor’s SKU apart, and an unknown product keyed by its competitor and SKU', () => {
    expect(resolver.productOf(item({ competitorName: '壳牌', sku: 'M1-0W40-4L' })).key).toBe(`${SEED_IDS.shell}|m1-0w40-4l`);
    const unknown = resolver.productOf(item({ competitorName: '统一', product: '统一 全合成 5W-30', sku: 'TY-5W30', spec: '4L' }));
    expect(unknown).toEqual({ key: '统一|ty-5w30', name: '统一 全合成 5W-30', sku: 'TY-5W30', spec: '4L' });
    // The same unknown product typed another way rolls up with it.
    expect(resolver.productOf(item({ competitorName: ' 统一 ', sku: 'ty-5w30' })).key).toBe(unknown.key);
  });

  it('follows a product merge: the duplicate’s SKU, now an alias, finds the survivor', () => {
    const survivor = products.find((p) => p.id === SEED_IDS.edge_5w30_4l)!;
    const duplicate = Product.parse({ ...survivor, id: '01JDXP000000000000000000B1', name: '极护 5W30', sku: 'CAS-EDGE-530', aliases: [], mergedInto: survivor.id });
    const withAlias = { ...survivor, aliases: [...survivor.aliases, '极护 5W30', 'CAS-EDGE-530'] };
    const merged = createResolver(competitors, [...products.filter((p) => p.id !== survivor.id), withAlias, duplicate]);
    expect(merged.productOf(item({ competitorName: 'Castrol', sku: 'CAS-EDGE-530' })).key).toBe(survivor.id);
    expect(merged.productOf(item({ competitorName: '嘉实多', product: '极护 5W30' })).key).toBe(survivor.id);
  });
});
