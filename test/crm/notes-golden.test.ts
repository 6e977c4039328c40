/**
 * The HubSpot note a manager reads, per synced kind and language, against checked-in golden files
 * (test/crm/golden/<kind>.<locale>.html). Each golden is the note body with a line break after
 * every block tag, so a reviewer reads it line by line; the body itself has none.
 *
 * After a deliberate change of wording: `UPDATE_GOLDEN=1 npx vitest run test/crm/notes-golden.test.ts`,
 * then READ the changed files before committing them — they are reviewed like prose.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../lib/kernel/i18n';
import type { PushInput, SyncedRecord } from '../../lib/crm/port';
import type { KindDefinition, ReadableRecord, RenderContext } from '../../lib/store/kind';
import { noteBody } from '../../lib/crm/hubspot/notes';
import { MAX_TEXT, priceText, rangeText } from '../../lib/store/readable';
import { visitCardKind } from '../../lib/visits/kind';
import { diaryEntryKind, reportKind } from '../../lib/reports/kind';
import { intelItemKind } from '../../lib/intel/kind';
import { dealerKind } from '../../lib/dealers/kind';
import { VisitCard } from '../../lib/visits/schema';
import { DiaryEntry } from '../../lib/reports/diary-schema';
import { Report } from '../../lib/reports/schema';
import { IntelItem } from '../../lib/intel/schema';
import { Dealer } from '../../lib/dealers/schema';
import { writeSetting } from '../../lib/store/settings';
import { outgoingOf } from '../../lib/sync/outgoing';
import type { ClaimedEntry } from '../../lib/sync/batch';
import { freshDatabase } from '../fixtures/records';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const LOCALES: Locale[] = ['zh-CN', 'en'];

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/i;
const SUNAN = '01JD00000000000000000000D1';
const CHANGZHOU = '01JD00000000000000000000D2';
const WUXI = '01JD00000000000000000000D3';

/** Words a record carries, in the language its author writes. */
const words = (locale: Locale) => (zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

function dealerNames(locale: Locale): Record<string, string> {
  const t = words(locale);
  return {
    [SUNAN]: t('苏南汽配城', 'Sunan Auto Parts City'),
    [CHANGZHOU]: t('常州车友汇', 'Changzhou Car Club'),
    [WUXI]: t('无锡鼎盛贸易', 'Wuxi Dingsheng Trading'),
  };
}

function base(locale: Locale, n: number, day: string) {
  return {
    id: `01JD0000000000000000000R${String(n).padStart(2, '0')}`,
    author: { id: '101', name: words(locale)('张伟', 'Zhang Wei') },
    createdAt: `${day}T10:00:00.000Z`,
    updatedAt: `${day}T10:30:00.000Z`,
  };
}

/** One fixed record of every synced kind, written as a rep of that language would write it. */
function fixtures(locale: Locale) {
  const t = words(locale);
  return {
    visitCard: {
      kind: visitCardKind,
      title: t('客户卡', 'Visit card'),
      record: VisitCard.parse({
        ...base(locale, 1, '2026-11-20'),
        schemaVersion: 2,
        dealerId: SUNAN,
        visitDay: '2026-11-20',
        isoWeek: '2026-W47',
        previousPeriodSales: 300,
        currentInventory: 120,
        orderQuantity: 40,
        unit: t('箱', 'cases'),
        orderedSkus: [t('全合成 5W-30', 'Full synthetic 5W-30'), t('柴机油 CI-4', 'Diesel oil CI-4')],
        requiredSkus: [
          { sku: t('全合成 5W-30', 'Full synthetic 5W-30'), carried: true },
          { sku: t('防冻液 -35℃', 'Antifreeze -35℃'), carried: false },
        ],
        recentPurchases: [
          { day: '2026-11-06', quantity: 30 },
          { day: '2026-10-23', quantity: 25 },
        ],
        actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
        keyAccount: true,
        note: t(
          '老板说下月起加大柴机油备货，需要我们提供堆头物料。\n门店刚装修完。',
          'The owner will stock more diesel oil from next month and asks us for display material.\nThe store has just been refurbished.',
        ),
      }),
    },
    daily: {
      kind: diaryEntryKind,
      title: t('日报', 'Daily report'),
      record: DiaryEntry.parse({
        ...base(locale, 2, '2026-11-20'),
        schemaVersion: 1,
        periodStart: '2026-11-20',
        isoWeek: '2026-W47',
        month: '2026-11',
        status: 'submitted',
        content: {
          kind: 'daily',
          todayWork: [t('走访苏南汽配城，清点库存并下单 40 箱', 'Visited Sunan Auto Parts City, counted stock, took an order of 40 cases'), t('拜访常州车友汇，推荐新品柴机油', 'Called on Changzhou Car Club and recommended the new diesel oil')],
          tomorrowPlan: [t('跟进无锡鼎盛贸易的欠款', "Follow up Wuxi Dingsheng Trading's arrears"), t('整理本周竞品价格', "Collect this week's competitor prices")],
          problems: [t('常州车友汇要求把账期延长到 60 天', 'Changzhou Car Club asks for 60-day payment terms')],
        },
      }),
    },
    weekly: {
      kind: diaryEntryKind,
      title: t('周报', 'Weekly report'),
      record: DiaryEntry.parse({
        ...base(locale, 3, '2026-11-23'),
        schemaVersion: 1,
        periodStart: '2026-11-16',
        isoWeek: '2026-W47',
        month: '2026-11',
        status: 'submitted',
        content: {
          kind: 'weekly',
          lastWeekSummary: [
            { item: t('苏南汽配城年度协议谈判', 'Negotiate the annual agreement with Sunan Auto Parts City'), completion: 80, problem: t('返利比例尚未谈定', 'Rebate rate not agreed yet') },
            { item: t('新品柴机油进 10 家终端', 'Get the new diesel oil into 10 outlets'), completion: 100 },
          ],
          nextWeekPlan: [
            { priority: t('签订苏南汽配城年度协议', 'Sign the annual agreement with Sunan Auto Parts City'), support: t('区域经理陪同拜访', 'Regional manager to join the visit') },
            { priority: t('收回无锡鼎盛贸易的逾期欠款', "Collect Wuxi Dingsheng Trading's overdue arrears") },
          ],
          keyAccountVisits: [
            { dealerId: SUNAN, day: '2026-11-18', purpose: t('谈年度返利', 'Discuss the annual rebate'), outcome: t('同意下月提量 20%', 'Agreed to order 20% more next month') },
            { dealerId: CHANGZHOU, day: '2026-11-19', purpose: t('推荐新品柴机油', 'Recommend the new diesel oil'), outcome: t('先试销 2 箱', 'Will trial 2 cases first') },
          ],
          gradeChanges: [
            { dealerId: SUNAN, from: 'B', to: 'A' },
            { dealerId: WUXI, to: 'C' },
          ],
          lateReason: t('周五在南京参加经销商大会，周一补交', 'At the dealer conference in Nanjing on Friday; submitted on Monday'),
        },
      }),
    },
    monthly: {
      kind: diaryEntryKind,
      title: t('月报', 'Monthly report'),
      record: DiaryEntry.parse({
        ...base(locale, 4, '2026-11-30'),
        schemaVersion: 1,
        periodStart: '2026-11-01',
        isoWeek: '2026-W44',
        month: '2026-11',
        status: 'reviewed',
        content: {
          kind: 'monthly',
          results: [t('销量 1,250 箱，完成目标的 104%', 'Sold 1,250 cases, 104% of target'), t('新开终端 6 家', 'Opened 6 new outlets')],
          problems: [t('两家经销商欠款超过 60 天', 'Two dealers are more than 60 days in arrears')],
          nextMonthPlan: [t('年底前收回全部逾期欠款', 'Collect all overdue arrears before year end'), t('在苏州办一场终端订货会', 'Hold an outlet ordering fair in Suzhou')],
          localProposal: t(
            '建议苏南地区试行季度阶梯返利：\n完成季度目标返 2%，超过 120% 返 3%。',
            'Trial a quarterly tiered rebate in southern Jiangsu:\n2% at the quarterly target, 3% above 120%.',
          ),
        },
      }),
    },
    inspection: {
      kind: diaryEntryKind,
      title: t('市场巡视报告', 'Market inspection report'),
      record: DiaryEntry.parse({
        ...base(locale, 5, '2026-11-21'),
        schemaVersion: 1,
        periodStart: '2026-11-21',
        isoWeek: '2026-W47',
        month: '2026-11',
        status: 'submitted',
        content: {
          kind: 'inspection',
          learned: [t('苏南汽配城的壳牌堆头已撤，主通道空出一个陈列位', "Shell's floor stack at Sunan Auto Parts City is gone; a main-aisle display spot is free")],
          handled: [t('当场与店长商定，我方产品移到主通道', 'Agreed with the store manager on the spot to move our products to the main aisle')],
          guided: [t('指导业务员按新陈列标准摆放并拍照上传', 'Coached the rep to follow the new display standard and upload photos')],
        },
      }),
    },
    intel: {
      kind: intelItemKind,
      title: t('竞品信息', 'Competitor intel'),
      record: IntelItem.parse({
        ...base(locale, 6, '2026-11-28'),
        schemaVersion: 1,
        observedDay: '2026-11-28',
        competitorName: t('壳牌', 'Shell'),
        brand: t('壳牌', 'Shell'),
        product: t('喜力 HX7', 'Helix HX7'),
        sku: 'HX7 5W-40',
        spec: '4L',
        prices: [
          { kind: 'retail', amount: 468, currency: 'CNY', unit: t('桶', 'drum') },
          { kind: 'wholesale', amount: 168, currency: 'CNY', unit: t('元/瓶', 'bottle') },
        ],
        promotion: { type: 'gift', description: t('买两桶送 1L 装一瓶', 'Buy two drums, get a 1L bottle free'), from: '2026-12-01', to: '2026-12-12' },
        channel: t('汽配城门店', 'Auto parts market stores'),
        region: t('苏州', 'Suzhou'),
        dealerId: SUNAN,
        sourceUrl: 'https://mall.example.com/item/12345',
        sourceTitle: t('壳牌喜力 HX7 官方旗舰店', 'Shell Helix HX7 official store'),
        confidence: 'high',
      }),
    },
    report: {
      kind: reportKind,
      title: t('汇总报告', 'Report'),
      record: Report.parse({
        ...base(locale, 7, '2026-11-22'),
        schemaVersion: 1,
        kind: 'teamRollup',
        isoWeek: '2026-W47',
        title: t('第47周苏南片区团队汇总', 'Southern Jiangsu team, week 47'),
        sections: [
          { heading: t('销量', 'Sales'), lines: [t('团队本周销量 1,020 箱，环比增长 8%', 'The team sold 1,020 cases this week, up 8% on last week')] },
          { heading: t('重点问题', 'Key issues'), lines: [t('两家经销商欠款超过 60 天', 'Two dealers are more than 60 days in arrears'), t('壳牌在苏州推出买赠活动', 'Shell runs a buy-and-get-free promotion in Suzhou')] },
        ],
        sourceRecordIds: [SUNAN.replace('D1', 'S1'), SUNAN.replace('D1', 'S2'), SUNAN.replace('D1', 'S3')],
        generatedAt: '2026-11-22T12:00:00.000Z',
      }),
    },
    dealer: {
      kind: dealerKind,
      title: t('经销商', 'Dealer'),
      record: Dealer.parse({
        ...base(locale, 8, '2026-11-20'),
        id: SUNAN,
        schemaVersion: 1,
        name: dealerNames(locale)[SUNAN],
        city: t('苏州', 'Suzhou'),
        region: t('江苏', 'Jiangsu'),
        customerClass: 'distributor',
        grade: 'A',
        creditLimit: 500000,
        arrears: 12000.5,
        shared: true,
        file: {
          legalRepresentative: t('王建国', 'Wang Jianguo'),
          businessContact: t('李娜', 'Li Na'),
          contactDetails: '0512-6688 1234',
          address: t('苏州市吴中区汽配城 12 号', 'No. 12, Auto Parts City, Wuzhong District, Suzhou'),
          salesScale: t('年销售额约 3,000 万元', 'About ¥30 million a year'),
          salesRegions: [t('苏州', 'Suzhou'), t('无锡', 'Wuxi')],
          mainProducts: [t('全合成 5W-30', 'Full synthetic 5W-30'), t('柴机油 CI-4', 'Diesel oil CI-4')],
          monthlySalesVolume: 1200,
          transportMode: t('自有货车配送', 'Own trucks'),
          cooperationStartDate: '2021-03-01',
          businessPhilosophy: t('诚信经营，服务终端', 'Honest trade, serve the outlets'),
        },
      }),
    },
  } satisfies Record<string, { kind: KindDefinition; title: string; record: SyncedRecord }>;
}

type FixtureName = keyof ReturnType<typeof fixtures>;
const NAMES = Object.keys(fixtures('zh-CN')) as FixtureName[];

/** Latin words the zh-CN fixtures pass in (SKUs, units, the product name, the source address). */
const LATIN_IN_ZH_FIXTURES = ['Fieldkit', 'https://mall.example.com/item/12345', '5W-30', '5W-40', 'CI-4', 'HX7', '4L', '1L'];

function contextFor(locale: Locale): RenderContext {
  const names = dealerNames(locale);
  return { locale, dealerName: (id) => names[id] };
}

/** The readable record as the engine hands it to the port (lib/sync/outgoing.ts). */
function readableOf(name: FixtureName, locale: Locale): ReadableRecord {
  const { kind, record } = fixtures(locale)[name];
  return { ...kind.crm!.render(record as never, contextFor(locale)), locale };
}

function bodyOf(name: FixtureName, locale: Locale, overrides: Partial<PushInput> = {}): string {
  const { kind, record } = fixtures(locale)[name];
  return noteBody({ localId: record.id, kind: kind.name, home: kind.crm!.home, deleted: false, record: record as SyncedRecord, readable: readableOf(name, locale), ...overrides });
}

/** The golden form: a line break after each block, so the file reads line by line. */
const pretty = (html: string) => `${html.replace(/(<\/p>|<ul>|<\/li>|<\/ul>|<br>)/g, '$1\n')}`;

/** The body as text: tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

describe('HubSpot note bodies match the reviewed goldens', () => {
  it.each(NAMES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))('%s in %s', (name, locale) => {
    const body = bodyOf(name, locale);
    expect(body).not.toContain('\n');
    const file = `${GOLDEN}${name}.${locale}.html`;
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, pretty(body));
    }
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(pretty(body)).toBe(readFileSync(file, 'utf8'));
  });
});

describe('what every note body is and is not', () => {
  const cases = NAMES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const));

  it.each(cases)('%s in %s: no JSON, no ids, only the tags HubSpot keeps', (name, locale) => {
    const body = bodyOf(name, locale);
    expect(body).not.toMatch(/[{}]/);
    expect(body).not.toContain('"kind":');
    expect(body).not.toMatch(ULID);
    expect(body).not.toContain('undefined');
    expect(body).not.toContain('[object');
    const tags = new Set([...body.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((m) => m[1]));
    for (const tag of tags) expect(['p', 'strong', 'ul', 'li', 'br']).toContain(tag);
  });

  it.each(cases)('%s in %s: one title, the same in the heading and the footer "Fieldkit · title · author · date"', (name, locale) => {
    const { title, record } = fixtures(locale)[name];
    const body = bodyOf(name, locale);
    const heading = /^<p><strong>([^<]*)<\/strong><\/p>/.exec(body)?.[1];
    const footer = /<p>Fieldkit · ([^<]*)<\/p>$/.exec(body)?.[1]?.split(' · ');
    expect(heading).toBe(title);
    expect(footer?.[0]).toBe(title);
    expect(footer?.[1]).toBe(record.author.name);
    expect(footer?.[2]).toMatch(locale === 'zh-CN' ? /^\d{4}年/ : /\d{4}$/);
    expect(footer).toHaveLength(3);
  });

  it.each(NAMES)('%s in zh-CN has no Latin words but the units, SKUs and names its record gives', (name) => {
    let text = textOf(bodyOf(name, 'zh-CN'));
    for (const allowed of LATIN_IN_ZH_FIXTURES) text = text.split(allowed).join(' ');
    expect(text).not.toMatch(/[A-Za-z]{2,}/);
  });

  it.each(NAMES)('%s in en has no Chinese', (name) => {
    expect(textOf(bodyOf(name, 'en'))).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  it('names dealers, never their ids, and says so when a dealer is unknown', () => {
    const { record } = fixtures('zh-CN').weekly;
    const readable = diaryEntryKind.crm!.render(record, { locale: 'zh-CN', dealerName: () => undefined });
    const html = noteBody({ localId: record.id, kind: 'diaryEntry', home: 'activity', deleted: false, record: record as SyncedRecord, readable });
    expect(html).toContain('（未知经销商）：B → A');
    expect(html).not.toMatch(ULID);
  });

  it('marks a deleted record next to its title, in its language', () => {
    expect(bodyOf('visitCard', 'zh-CN', { deleted: true })).toMatch(/^<p><strong>客户卡<\/strong>（已删除）<\/p>/);
    expect(bodyOf('visitCard', 'en', { deleted: true })).toMatch(/^<p><strong>Visit card<\/strong> \(deleted\)<\/p>/);
  });

  it('keeps hostile page text as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { record } = fixtures('zh-CN').intel;
    const item = { ...record, sourceTitle: hostile, promotion: { type: 'other' as const, description: `${hostile} & "更多"` } };
    const readable = { ...intelItemKind.crm!.render(item, contextFor('zh-CN')), locale: 'zh-CN' as const };
    const html = noteBody({ localId: record.id, kind: 'intelItem', home: 'activity', deleted: false, record: { ...item, author: { id: '1', name: '<b>张伟</b>' } } as SyncedRecord, readable });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('促销：其他促销 · &lt;img src=x onerror=alert(1)&gt; &amp; &quot;更多&quot;');
    expect(html).toContain('来源：&lt;img src=x onerror=alert(1)&gt;（https://mall.example.com/item/12345）');
    expect(html).toContain('· &lt;b&gt;张伟&lt;/b&gt; ·');
  });

  it('caps long text with an ellipsis; the payload keeps it whole', () => {
    const { record } = fixtures('en').visitCard;
    const long = { ...record, note: 'x'.repeat(5000) };
    const readable = visitCardKind.crm!.render(long, contextFor('en'));
    const note = readable.lines.find((l) => l.label.en === 'Note')?.value;
    expect(note).toHaveLength(MAX_TEXT);
    expect(note?.endsWith('…')).toBe(true);
  });
});

describe('prices and periods in words', () => {
  it.each([
    [{ amount: 468, currency: 'CNY', unit: '桶' }, '¥468 / 桶', '¥468 / 桶'],
    [{ amount: 468, currency: 'CNY', unit: 'drum' }, '¥468 / drum', '¥468 / drum'],
    [{ amount: 168, currency: 'CNY', unit: '元/瓶' }, '168 元/瓶', '¥168 / 瓶'],
    [{ amount: 168, currency: 'CNY', unit: '元 / 瓶' }, '168 元/瓶', '¥168 / 瓶'],
    [{ amount: 1680, currency: 'CNY', unit: '元' }, '1,680 元', '¥1,680'],
    [{ amount: 12.5, currency: 'USD', unit: 'bottle' }, 'USD 12.50 / bottle', 'USD 12.50 / bottle'],
  ])('%o: %s / %s', (price, zh, en) => {
    expect(priceText(price, 'zh-CN')).toBe(zh);
    expect(priceText(price, 'en')).toBe(en);
  });

  it.each([
    ['2026-12-01', '2026-12-12', '2026-11-28', '12月1日–12月12日', '1 Dec – 12 Dec'],
    ['2026-11-16', '2026-11-22', undefined, '2026年11月16日–11月22日', '16 Nov – 22 Nov 2026'],
    ['2026-12-28', '2027-01-03', undefined, '2026年12月28日–2027年1月3日', '28 Dec 2026 – 3 Jan 2027'],
    ['2026-12-01', undefined, '2026-11-28', '12月1日起', 'from 1 Dec'],
    [undefined, '2027-01-05', '2026-11-28', '至2027年1月5日', 'until 5 Jan 2027'],
  ])('%s – %s (seen %s): %s / %s', (from, to, within, zh, en) => {
    expect(rangeText(from, to, 'zh-CN', within)).toBe(zh);
    expect(rangeText(from, to, 'en', within)).toBe(en);
  });
});

describe('the engine renders in the author\'s language with dealer names (lib/sync/outgoing.ts)', () => {
  async function outgoing(language?: 'auto' | 'zh-CN' | 'en') {
    const db = freshDatabase(`outgoing-${language ?? 'unset'}`);
    const names = dealerNames('zh-CN');
    for (const [id, name] of Object.entries(names)) {
      await db.dealers.put(Dealer.parse({ ...base('zh-CN', 9, '2026-11-01'), id, schemaVersion: 1, name, ...(id === SUNAN ? { crm: { objectType: 'companies', objectId: '20001', syncedAt: '2026-11-01T00:00:00.000Z', syncedVersion: '2026-11-01T10:30:00.000Z' } } : {}) }));
    }
    if (language) await writeSetting(db, 'language', language);
    const claim = (table: ClaimedEntry['table'], record: SyncedRecord): ClaimedEntry => ({ entryId: `e-${record.id}`, table, record, sentVersion: record.updatedAt, needsLookup: false, attempts: 1 });
    const zh = fixtures('zh-CN');
    const inputs = await outgoingOf(db, [claim('diaryEntries', zh.weekly.record as SyncedRecord), claim('visitCards', zh.visitCard.record as SyncedRecord)]);
    db.close();
    return inputs;
  }

  it("'auto' (the default) writes zh-CN: reps write Chinese first", async () => {
    const [weekly, card] = await outgoing();
    expect(weekly?.readable.locale).toBe('zh-CN');
    expect(card?.readable.locale).toBe('zh-CN');
    expect((await outgoing('auto'))[0]?.readable.locale).toBe('zh-CN');
  });

  it('an author who chose English gets English notes', async () => {
    const [weekly] = await outgoing('en');
    expect(weekly?.readable.locale).toBe('en');
    expect(noteBody(weekly!)).toContain('<p><strong>Weekly report</strong></p>');
  });

  it("loads the names of every dealer a record names, not only the one it belongs to", async () => {
    const [weekly, card] = await outgoing('zh-CN');
    const html = noteBody(weekly!);
    expect(html).toContain('<li>苏南汽配城：B → A</li>');
    expect(html).toContain('<li>无锡鼎盛贸易：首次定级 C</li>');
    expect(html).toContain('<li>常州车友汇 · 11月19日 · 目的：推荐新品柴机油 · 结果：先试销 2 箱</li>');
    expect(html).not.toMatch(ULID);
    expect(card?.dealerCrmId).toBe('20001');
    expect(noteBody(card!)).toContain('经销商：苏南汽配城');
  });
});
