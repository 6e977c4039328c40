import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIntelText, type ParsedIntel } from '../../lib/intel/parse';
import { ALL_SAMPLES, EMPTY_SAMPLES, PRICED_SAMPLES, TODAY, type IntelSample } from '../fixtures/intel-samples';

const parse = (sample: IntelSample): ParsedIntel => parseIntelText(sample.text, { today: sample.today ?? TODAY });
/** The matched text, allowing full-width forms (￥, ～, ：) to be read as their plain forms. */
const nfkc = (s: string) => s.normalize('NFKC');
const name = (s: IntelSample) => `${s.source}/${s.lang}: ${s.text.replace(/\n/g, ' ⏎ ')}`;

describe('the corpus', () => {
  it('holds at least 80 samples, 25 in English and 20 that must yield nothing', () => {
    expect(ALL_SAMPLES.length).toBeGreaterThanOrEqual(80);
    expect(ALL_SAMPLES.filter((s) => s.lang === 'en').length).toBeGreaterThanOrEqual(25);
    expect(EMPTY_SAMPLES.length).toBeGreaterThanOrEqual(20);
  });

  it('covers every promotion type but "other"', () => {
    const types = new Set(PRICED_SAMPLES.map((s) => s.promotion?.type).filter(Boolean));
    for (const t of ['discount', 'bundle', 'gift', 'rebate', 'points', 'display', 'priceCut', 'newLaunch']) expect(types).toContain(t);
  });
});

describe('prices and promotions read from real texts', () => {
  it.each(PRICED_SAMPLES.map((s) => [name(s), s] as const))('%s', (_, sample) => {
    const parsed = parse(sample);
    expect(parsed.prices).toHaveLength(sample.prices.length);
    // Every expected price is read (in any order), each by a different parsed price.
    // A field expected `undefined` (a unit not said, no label) must be absent.
    const left = [...parsed.prices];
    for (const want of sample.prices) {
      const said = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined));
      const absent = Object.keys(want).filter((k) => want[k as keyof typeof want] === undefined);
      expect(left).toContainEqual(expect.objectContaining(said));
      const i = left.findIndex((p) => expect.objectContaining(said).asymmetricMatch(p));
      const [found] = left.splice(i, 1);
      for (const k of absent) expect(found?.[k as keyof typeof found], `${k} of ${found?.text}`).toBeUndefined();
    }
    for (const p of parsed.prices) expect(nfkc(sample.text)).toContain(nfkc(p.text));
    if (sample.promotion === null) expect(parsed.promotion).toBeUndefined();
    else if (sample.promotion) {
      const { terms, ...rest } = sample.promotion;
      expect(parsed.promotion).toMatchObject(rest);
      if (terms) expect(parsed.promotion?.terms).toContain(terms);
      // An end not said is not made up.
      if (!('to' in sample.promotion)) expect(parsed.promotion?.to).toBeUndefined();
    }
  });
});

describe('texts that hold no price and no promotion', () => {
  it.each(EMPTY_SAMPLES.map((s) => [name(s), s] as const))('%s', (_, sample) => {
    expect(parse(sample)).toEqual({ prices: [] });
  });
});

describe('the issue’s example', () => {
  it('reads both prices, the bundle and its period, the year from today', () => {
    const parsed = parseIntelText('¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日', { today: '2026-11-30' });
    expect(parsed.prices).toHaveLength(2);
    expect(parsed.prices).toContainEqual(expect.objectContaining({ amount: 429, currency: 'CNY', kind: 'retail', label: 'current' }));
    expect(parsed.prices).toContainEqual(expect.objectContaining({ amount: 468, currency: 'CNY', kind: 'retail', label: 'original' }));
    expect(parsed.promotion).toMatchObject({ type: 'bundle', from: '2026-12-01', to: '2026-12-12' });
    expect(parsed.promotion?.terms).toContain('买4L送1L');
  });

  it('takes the year of the period from today', () => {
    const parsed = parseIntelText('买4L送1L，12月1日至12月12日', { today: '2027-11-20' });
    expect(parsed.promotion).toMatchObject({ from: '2027-12-01', to: '2027-12-12' });
  });

  it('“即日起至月底” runs from today to the last day of today’s month', () => {
    expect(parseIntelText('满300减50，即日起至月底', { today: '2026-02-10' }).promotion).toMatchObject({
      type: 'discount', from: '2026-02-10', to: '2026-02-28',
    });
  });
});

// ── properties ──

const isoDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const MONEYISH = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ',', '00', '999', '9'.repeat(40), '9'.repeat(400), '0.', '.5',
  '¥', '￥', '元', '块', '万', '万元', 'RMB', '人民币', '$', 'US$', 'USD', 'HK$', '€', '£', '%', '% off',
  '/', '~', '～', '-', '–', '—', '至', '到', '条', '箱', '瓶', '桶', '件', '支', 'L', 'kg', '每', '仅需', '一瓶',
  '原价', '现价', '划线价', '到手价', '券后价', '零售价', '批发价', '供货价', '出厂价', 'was ', 'now ', 'Wholesale ',
  '买', '送', '赠', '满', '减', '折', '八', '返点', '积分', '堆头', '直降', '新品上市', 'buy 2 get 1', 'per ',
  '月', '日', '号', '即日起至月底', 'until ', 'Dec', '31', '12.1', '：', '，', '。', '（', '）', ' ', '\n', '-',
];

/** Numbers with specs, counts and shares but no money and no promotion word. */
const NOT_MONEY = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ',', ' ', 'W-', 'L', '*', 'x', '×', '%', '+件', '#',
  '万件', '已售', '月销', '分', '个月', '保质期', 'SN', 'CF', 'HX', 'SKU:', '订单号', '电话', '份额', 'API SP', 'qt',
];

const joined = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((t) => t.join(''));

function expectSane(text: string, parsed: ParsedIntel): void {
  expect(Array.isArray(parsed.prices)).toBe(true);
  for (const p of parsed.prices) {
    expect(Number.isFinite(p.amount)).toBe(true);
    expect(p.amount).toBeGreaterThanOrEqual(0);
    if (p.upTo !== undefined) {
      expect(Number.isFinite(p.upTo)).toBe(true);
      expect(p.upTo).toBeGreaterThanOrEqual(p.amount);
    }
    expect(p.currency).toMatch(/^[A-Z]{3}$/);
    expect(['retail', 'wholesale', 'supply']).toContain(p.kind);
    expect(nfkc(text)).toContain(nfkc(p.text));
  }
  for (const day of [parsed.promotion?.from, parsed.promotion?.to]) {
    if (day === undefined) continue;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day); // a real calendar day
  }
}

describe('the parser on any text', () => {
  it('never throws, never gives a negative, NaN or infinite amount, and upTo ≥ amount (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), isoDay, (text, today) => {
        expectSane(text, parseIntelText(text, { today }));
      }),
      { numRuns: 500 },
    );
  });

  it('stays sane on strings mixing digits, currencies, %, Chinese units, price and promotion words and punctuation', () => {
    fc.assert(
      fc.property(joined(MONEYISH), isoDay, (text, today) => {
        expectSane(text, parseIntelText(text, { today }));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds no price and no promotion in numbers without money or promotion words', () => {
    fc.assert(
      fc.property(joined(NOT_MONEY), isoDay, (text, today) => {
        expect(parseIntelText(text, { today })).toEqual({ prices: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('reads any ¥ amount back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }), isoDay, (yuan, fen, today) => {
        const written = `${yuan}.${String(fen).padStart(2, '0')}`;
        const parsed = parseIntelText(`售价 ¥${written}`, { today });
        expect(parsed.prices).toHaveLength(1);
        expect(parsed.prices[0]).toMatchObject({ amount: Number(written), currency: 'CNY' });
      }),
      { numRuns: 300 },
    );
  });
});
