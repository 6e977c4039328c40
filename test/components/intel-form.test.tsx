// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntelForm, IntelList } from '../../components/intel/index';
import { IntelItem } from '../../lib/intel/schema';
import type { RecordDraft } from '../../lib/store/records';
import { alertTexts, fillIn, inLocale, pendingSave, saveAndFail, valueOf } from './helpers';

afterEach(cleanup);

const TODAY = '2026-11-23';
const DEALER = '01JD0000000000000000000001';
const HOSTILE = '<img src=x onerror=alert(1)>';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

function asRecord(draft: RecordDraft<'intelItems'>) {
  return IntelItem.safeParse({
    ...draft,
    id: '01JF0000000000000000000001',
    schemaVersion: 1,
    author: { id: 'owner-101', name: '张伟' },
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
  });
}

type OnSave = (draft: RecordDraft<'intelItems'>) => Promise<void>;

describe('IntelForm', () => {
  it('saves a full observation in one step (zh-CN) and the draft satisfies the schema', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale(
      'zh-CN',
      <IntelForm
        competitors={['壳牌', '美孚']}
        dealers={[{ id: DEALER, name: '华联商贸' }]}
        today={TODAY}
        initial={{ sourceUrl: 'https://shop.example.com/p/1', sourceTitle: '壳牌喜力 HX7', sourceText: '限时特价 168 元', screenshot: PNG }}
        onSave={onSave}
      />,
    );
    // The selection's price is suggested already (lib/intel/parse.ts); the rep adds the unit it did not say.
    expect((screen.getByLabelText('价格 1 金额') as HTMLInputElement).value).toBe('168');
    expect((screen.getByLabelText('价格 1 单位') as HTMLInputElement).value).toBe('');
    await fillIn(user, { 竞品: '壳牌', 品牌: '喜力', 产品: 'HX7 合成机油', SKU: 'HX7-4L', 规格: '4L', '价格 1 单位': '元/瓶' });
    await user.click(screen.getByRole('button', { name: '添加价格' }));
    await user.selectOptions(screen.getByLabelText('价格 2 类型'), 'wholesale');
    await fillIn(user, { '价格 2 金额': '1500', '价格 2 单位': '元/箱' });
    await user.selectOptions(screen.getByLabelText('促销方式'), 'gift');
    await fillIn(user, { 促销内容: '买二送一', 促销开始: '2026-11-20', 促销结束: '2026-11-30', 渠道: '电商', 区域: '华东' });
    await user.selectOptions(screen.getByLabelText('发现地点（经销商或终端）'), DEALER);
    await user.selectOptions(screen.getByLabelText('可信度'), 'high');
    expect(screen.getByRole('img', { name: '网页截图' }).getAttribute('src')).toBe(PNG);

    await user.click(screen.getByRole('button', { name: '保存竞品信息' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const draft = onSave.mock.calls[0]![0];
    expect(draft).toEqual({
      observedDay: TODAY,
      competitorName: '壳牌',
      brand: '喜力',
      product: 'HX7 合成机油',
      sku: 'HX7-4L',
      spec: '4L',
      prices: [
        { kind: 'retail', amount: 168, currency: 'CNY', unit: '元/瓶' },
        { kind: 'wholesale', amount: 1500, currency: 'CNY', unit: '元/箱' },
      ],
      promotion: { type: 'gift', description: '买二送一', from: '2026-11-20', to: '2026-11-30' },
      channel: '电商',
      region: '华东',
      dealerId: DEALER,
      confidence: 'high',
      sourceUrl: 'https://shop.example.com/p/1',
      sourceTitle: '壳牌喜力 HX7',
      sourceText: '限时特价 168 元',
      screenshot: PNG,
    });
    expect(asRecord(draft).success).toBe(true);
  });

  it('fills the prices and the promotion the selection holds, in both languages; the rep confirms', async () => {
    const selection = '¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日';
    for (const locale of ['zh-CN', 'en'] as const) {
      const onSave = vi.fn<OnSave>().mockResolvedValue();
      const view = inLocale(locale, <IntelForm competitors={['美孚']} today="2026-11-30" initial={{ sourceTitle: '美孚1号 全合成机油 0W-40 4L', sourceText: selection }} onSave={onSave} />);
      const user = userEvent.setup();
      await user.type(screen.getByLabelText(locale === 'en' ? 'Competitor' : '竞品', { exact: true }), '美孚');
      await user.type(screen.getByLabelText(locale === 'en' ? 'Price 1 unit' : '价格 1 单位'), '元/瓶');
      await user.click(screen.getByRole('button', { name: locale === 'en' ? 'Save intel' : '保存竞品信息' }));
      const draft = onSave.mock.calls[0]![0];
      // The struck-out ¥468 is what it was; ¥429 is what it sells for now.
      expect(draft.prices).toEqual([{ kind: 'retail', amount: 429, currency: 'CNY', unit: '元/瓶' }]);
      expect(draft.promotion).toEqual({ type: 'bundle', description: '买4L送1L', from: '2026-12-01', to: '2026-12-12' });
      view.unmount();
    }
  });

  it('needs only the competitor; the labels e2e tests use are stable (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('en', <IntelForm competitors={[]} today={TODAY} onSave={onSave} />);
    await user.type(screen.getByLabelText('Competitor', { exact: true }), 'Shell');
    await user.type(screen.getByLabelText('Product', { exact: true }), 'Helix HX7');
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft).toEqual({ observedDay: TODAY, competitorName: 'Shell', product: 'Helix HX7', sku: '', prices: [], confidence: 'medium' });
    expect(asRecord(draft).success).toBe(true);
  });

  it('announces validation errors naming the field (en and zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>();
    const { unmount } = inLocale('en', <IntelForm competitors={[]} today={TODAY} onSave={onSave} />);
    await fillIn(user, { 'Price 1 amount': '12', 'Promotion details': 'buy 2 get 1', 'Promotion from': '2026-11-20', 'Promotion until': '2026-11-10' });
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    expect(alertTexts()).toEqual(
      expect.arrayContaining([
        'Competitor: enter the competitor',
        'Promotion type: choose a type for the promotion you described',
        'Promotion until: must not be before the start',
      ]),
    );
    // A price without a unit is the price as the page lists it: not an error.
    expect(alertTexts().some((text) => text?.startsWith('Price 1 unit'))).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    unmount();

    inLocale('zh-CN', <IntelForm competitors={[]} today={TODAY} onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: '保存竞品信息' }));
    expect(screen.getByRole('alert').textContent).toBe('竞品：请填写竞品名称');
  });

  it('renders hostile selected text as literal text, never as HTML, and truncates to the schema cap', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    const long = HOSTILE + 'x'.repeat(6000);
    const { container } = inLocale(
      'zh-CN',
      <IntelForm competitors={[]} today={TODAY} initial={{ sourceText: long, sourceTitle: `<b>${HOSTILE}</b>`, sourceUrl: 'javascript:alert(1)' }} onSave={onSave} />,
    );
    const shown = screen.getByTestId('intel-source-text');
    expect(shown.textContent!.startsWith(HOSTILE)).toBe(true);
    expect(shown.textContent).toHaveLength(5000);
    expect(screen.getByText(`<b>${HOSTILE}</b>`)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.getByText('选中的文字超过 5000 字，只保留了前 5000 字。')).toBeTruthy();

    await user.type(screen.getByLabelText('竞品'), '美孚');
    await user.click(screen.getByRole('button', { name: '保存竞品信息' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft.sourceText).toHaveLength(5000);
    expect(draft.sourceUrl).toBeUndefined();
    expect(asRecord(draft).success).toBe(true);
  });

  it('lets the rep remove the screenshot; a non-image data URL is never shown', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    const { container, unmount } = inLocale('en', <IntelForm competitors={[]} today={TODAY} initial={{ screenshot: PNG }} onSave={onSave} />);
    await user.click(screen.getByRole('button', { name: 'Remove screenshot' }));
    expect(container.querySelector('img')).toBeNull();
    await user.type(screen.getByLabelText('Competitor'), 'Mobil');
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    expect(onSave.mock.calls[0]![0].screenshot).toBeUndefined();
    unmount();

    const svg = inLocale('en', <IntelForm competitors={[]} today={TODAY} initial={{ screenshot: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' }} onSave={onSave} />);
    expect(svg.container.querySelector('img')).toBeNull();
  });

  it('keeps everything typed when the save fails, with the save button disabled meanwhile', async () => {
    const user = userEvent.setup();
    const save = pendingSave<Parameters<OnSave>>();
    inLocale('en', <IntelForm competitors={['Shell']} today={TODAY} onSave={save.onSave} />);
    await fillIn(user, { Competitor: 'Shell', 'Price 1 amount': '99.5', 'Price 1 unit': '元/瓶' });
    await saveAndFail(user, 'Save intel', save, 'Quota exceeded', 'The intel could not be saved; everything you typed is still here, so try again.');
    // One sentence for people; the technical cause only behind a disclosure.
    expect(screen.getByRole('alert').textContent).toContain('The intel could not be saved');
    expect(screen.getByText('Technical details').closest('details')!.textContent).toContain('Quota exceeded');
    expect(valueOf('Competitor')).toBe('Shell');
    expect(valueOf('Price 1 amount')).toBe('99.5');
    expect(valueOf('Price 1 unit')).toBe('元/瓶');
  });
});

describe('IntelForm from a page: the quote, the dictionary, near-duplicates', () => {
  const SELECTION = '¥429.00 ¥468.00 限时促销：买4L送1L，12月1日至12月12日';
  const PAGE = { sourceTitle: '美孚1号 全合成机油 0W-40 4L', sourceText: SELECTION };
  const suggest = ({ title }: { title?: string }) => (title?.includes('美孚') ? { competitorName: '美孚', brand: '美孚1号', spec: '0W-40 4L' } : {});

  it('quotes the selection above the fields and fills what the dictionary recognised (zh-CN)', async () => {
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('zh-CN', <IntelForm competitors={['美孚']} today="2026-11-30" initial={PAGE} suggest={suggest} onSave={onSave} />);
    const quote = screen.getByTestId('intel-source-text');
    expect(quote.tagName).toBe('BLOCKQUOTE');
    expect(quote.textContent).toBe(SELECTION);
    // The quote comes before the first field in the form.
    expect(quote.compareDocumentPosition(screen.getByLabelText('竞品', { exact: true })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('网页摘录')).toBeTruthy();
    expect(valueOf('竞品')).toBe('美孚');
    expect(valueOf('品牌')).toBe('美孚1号');
    expect(valueOf('规格')).toBe('0W-40 4L');
    // Nothing else to type: one click saves what the page said.
    await userEvent.setup().click(screen.getByRole('button', { name: '保存竞品信息' }));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ competitorName: '美孚', brand: '美孚1号', spec: '0W-40 4L', prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '' }] });
  });

  it('a suggestion that throws leaves the form as it would be without one (en)', () => {
    inLocale('en', <IntelForm competitors={[]} today="2026-11-30" initial={PAGE} suggest={() => { throw new Error('bad row'); }} onSave={vi.fn<OnSave>()} />);
    expect(valueOf('Competitor')).toBe('');
    expect(valueOf('Price 1 amount')).toBe('429');
  });

  const EARLIER = {
    id: '01JF0000000000000000000009',
    competitorName: '美孚',
    product: '美孚1号',
    sku: '',
    observedDay: '2026-11-27',
    authorName: '李娜',
    match: { kind: 'retail' as const, earlier: { kind: 'retail' as const, amount: 429, currency: 'CNY', unit: '元/桶' }, now: { kind: 'retail' as const, amount: 429, currency: 'CNY', unit: '' } },
    sourceTitle: '京东 美孚1号',
    sightings: 2,
  };

  it('shows an earlier near-duplicate before saving; "add to this one" saves with addTo (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<(draft: RecordDraft<'intelItems'>, options?: { addTo?: string }) => Promise<void>>().mockResolvedValue();
    const find = vi.fn().mockResolvedValue([EARLIER]);
    inLocale('zh-CN', <IntelForm competitors={['美孚']} today="2026-11-30" initial={PAGE} suggest={suggest} findNearDuplicates={find} onSave={onSave} />);
    const hint = await screen.findByTestId('near-duplicate', {}, { timeout: 10_000 });
    expect(find).toHaveBeenLastCalledWith({ competitorName: '美孚', sku: '', observedDay: '2026-11-30', prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '' }] });
    expect(within(hint).getByRole('heading').textContent).toBe('最近 7 天已有 1 条相近的记录');
    expect(hint.textContent).toContain('李娜，2026年11月27日：零售价 429 元/桶');
    expect(hint.textContent).toContain('另有 2 次补充');
    await user.click(within(hint).getByRole('button', { name: '补充到李娜2026年11月27日记录的这条' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]![1]).toEqual({ addTo: EARLIER.id });
  });

  it('"save as a new observation" saves without addTo, and no competitor or price means no question (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<(draft: RecordDraft<'intelItems'>, options?: { addTo?: string }) => Promise<void>>().mockResolvedValue();
    const find = vi.fn().mockResolvedValue([EARLIER]);
    const view = inLocale('en', <IntelForm competitors={['美孚']} today="2026-11-30" initial={{ sourceText: 'nothing priced here' }} findNearDuplicates={find} onSave={onSave} />);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(find).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Competitor', { exact: true }), '美孚');
    await user.type(screen.getByLabelText('Price 1 amount'), '430');
    const hint = await screen.findByTestId('near-duplicate', {}, { timeout: 10_000 });
    expect(within(hint).getByRole('heading').textContent).toBe('Someone logged this in the last 7 days');
    expect(hint.textContent).toContain('李娜, 27 Nov 2026: Retail price ¥429 / 桶');
    // With a near-duplicate shown, Save says what it does.
    expect(screen.queryByRole('button', { name: 'Save intel' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save as a new observation' }));
    view.unmount();
    // The rep's own earlier item is "you", not their name.
    find.mockResolvedValue([{ ...EARLIER, byMe: true }]);
    inLocale('zh-CN', <IntelForm competitors={['美孚']} today="2026-11-30" initial={PAGE} suggest={suggest} findNearDuplicates={find} onSave={onSave} />);
    const mine = await screen.findByTestId('near-duplicate', {}, { timeout: 10_000 });
    expect(mine.textContent).toContain('你，2026年11月27日：零售价 429 元/桶');
    expect(within(mine).getByRole('button', { name: '补充到你2026年11月27日记录的这条' })).toBeTruthy();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]![1]).toBeUndefined();
  });
});

describe('IntelForm editing an item', () => {
  const ITEM_ID = '01JF0000000000000000000009';
  const COMPETITOR_ID = '01JC0000000000000000000003';
  const TERMINAL_ID = '01JT0000000000000000000004';
  const stored = (): IntelItem =>
    IntelItem.parse({
      id: ITEM_ID,
      schemaVersion: 1,
      author: { id: 'owner-101', name: '张伟' },
      createdAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:00:00.000Z',
      observedDay: '2026-11-20',
      competitorId: COMPETITOR_ID,
      competitorName: '美孚',
      brand: '美孚',
      product: '美孚1号',
      sku: 'M1-0W40-4L',
      spec: '4L',
      prices: [
        { kind: 'retail', amount: 398, currency: 'CNY', unit: '元/瓶' },
        { kind: 'supply', amount: 12.5, currency: 'USD', unit: '元/升' },
      ],
      promotion: { type: 'rebate', description: '满 100 箱返 3%', from: '2026-11-01', to: '2026-11-30' },
      channel: '汽配城',
      region: '苏南',
      dealerId: DEALER,
      terminalId: TERMINAL_ID,
      sourceUrl: 'https://news.example.com/mobil',
      sourceTitle: '美孚返利政策',
      sourceText: '返利 3%',
      screenshot: PNG,
      confidence: 'low',
    });

  it('fills every field from the item and saves a draft with its id (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    const item = stored();
    inLocale('zh-CN', <IntelForm item={item} competitors={['美孚']} dealers={[{ id: DEALER, name: '华联商贸' }]} today={TODAY} onSave={onSave} />);
    expect(screen.getByRole('form', { name: '编辑竞品信息' })).toBeTruthy();
    expect(
      Object.fromEntries(
        ['竞品', '发现日期', '品牌', '产品', 'SKU', '规格', '价格 1 类型', '价格 1 金额', '价格 1 单位', '价格 2 类型', '价格 2 金额', '价格 2 单位', '促销方式', '促销内容', '促销开始', '促销结束', '渠道', '区域', '发现地点（经销商或终端）', '可信度'].map((label) => [label, valueOf(label)]),
      ),
    ).toEqual({
      竞品: '美孚',
      发现日期: '2026-11-20',
      品牌: '美孚',
      产品: '美孚1号',
      SKU: 'M1-0W40-4L',
      规格: '4L',
      '价格 1 类型': 'retail',
      '价格 1 金额': '398',
      '价格 1 单位': '元/瓶',
      '价格 2 类型': 'supply',
      '价格 2 金额': '12.5',
      '价格 2 单位': '元/升',
      促销方式: 'rebate',
      促销内容: '满 100 箱返 3%',
      促销开始: '2026-11-01',
      促销结束: '2026-11-30',
      渠道: '汽配城',
      区域: '苏南',
      '发现地点（经销商或终端）': DEALER,
      可信度: 'low',
    });
    expect(screen.getByText('美孚返利政策')).toBeTruthy();
    expect(screen.getByTestId('intel-source-text').textContent).toBe('返利 3%');
    expect(screen.getByRole('img', { name: '网页截图' }).getAttribute('src')).toBe(PNG);

    await user.clear(screen.getByLabelText('价格 1 金额'));
    await user.type(screen.getByLabelText('价格 1 金额'), '388');
    await user.click(screen.getByRole('button', { name: '保存竞品信息' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const draft = onSave.mock.calls[0]![0];
    const { id: _id, schemaVersion: _v, author: _a, createdAt: _c, updatedAt: _u, ...content } = item;
    expect(draft).toEqual({ ...content, id: ITEM_ID, prices: [{ ...item.prices[0]!, amount: 388 }, item.prices[1]] });
    expect(asRecord(draft).success).toBe(true);
  });

  it('drops the dictionary link when the competitor is renamed, and clears emptied fields (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('en', <IntelForm item={stored()} competitors={[]} today={TODAY} onSave={onSave} />);
    await user.clear(screen.getByLabelText('Competitor', { exact: true }));
    await user.type(screen.getByLabelText('Competitor', { exact: true }), 'Mobil');
    await user.clear(screen.getByLabelText('Brand', { exact: true }));
    await user.selectOptions(screen.getByLabelText('Promotion type'), '');
    await user.clear(screen.getByLabelText('Promotion details'));
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft.id).toBe(ITEM_ID);
    expect(draft.competitorName).toBe('Mobil');
    expect(draft.competitorId).toBeUndefined();
    expect(draft.brand).toBeUndefined();
    expect(draft.promotion).toBeUndefined();
    // The dealer is kept though it is no longer in the rep's list, and so is the terminal.
    expect(draft.dealerId).toBe(DEALER);
    expect(draft.terminalId).toBe(TERMINAL_ID);
    expect(screen.getByRole('option', { name: 'A dealer no longer in your list' })).toBeTruthy();
  });

  it('a new form still starts blank with today and no id', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<OnSave>().mockResolvedValue();
    inLocale('en', <IntelForm competitors={[]} today={TODAY} onSave={onSave} />);
    expect(screen.getByRole('form', { name: 'Competitor intel' })).toBeTruthy();
    expect(valueOf('Date observed')).toBe(TODAY);
    await user.type(screen.getByLabelText('Competitor', { exact: true }), 'Shell');
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    expect(onSave.mock.calls[0]![0]).not.toHaveProperty('id');
  });
});

describe('IntelList', () => {
  const item = (overrides: Partial<IntelItem>): IntelItem =>
    IntelItem.parse({
      id: '01JF0000000000000000000001',
      schemaVersion: 1,
      author: { id: 'owner-101', name: '张伟' },
      createdAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:00:00.000Z',
      observedDay: '2026-11-22',
      competitorName: '壳牌',
      ...overrides,
    });

  it('lists prices, promotion and source, with page text as text', () => {
    const { container } = inLocale(
      'zh-CN',
      <IntelList
        items={[
          item({ sku: 'HX7-4L', prices: [{ kind: 'retail', amount: 168, currency: 'CNY', unit: '元/瓶' }], promotion: { type: 'gift', description: '买二送一', from: '2026-11-20', to: '2026-11-30' }, sourceTitle: HOSTILE, confidence: 'high' }),
          item({ id: '01JF0000000000000000000002', competitorName: '美孚', observedDay: '2026-11-23' }),
        ]}
      />,
    );
    const entries = screen.getAllByRole('listitem');
    expect(entries[0]!.textContent).toContain('美孚');
    const shell = within(entries[1]!);
    expect(shell.getByText('零售价 168 元/瓶')).toBeTruthy();
    expect(shell.getByText(/赠品：买二送一/)).toBeTruthy();
    // Days in the UI language, never as raw ISO.
    expect(entries[1]!.querySelector('time')!.textContent).toMatch(/^(2026年)?11月22日/);
    expect(entries[1]!.textContent).toMatch(/11月20日.*至.*11月30日/);
    expect(entries[1]!.textContent).not.toContain('2026-11-');
    expect(shell.getByText('可信度：高（亲眼所见）')).toBeTruthy();
    expect(shell.getByText(HOSTILE)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('writes prices and days in English (en)', () => {
    inLocale('en', <IntelList items={[item({ competitorName: 'Mobil', prices: [{ kind: 'retail', amount: 468, currency: 'CNY', unit: '元/桶' }], promotion: { type: 'gift', description: 'Buy 4L, get 1L free', to: '2026-11-30' } })]} />);
    const entry = screen.getByRole('listitem');
    expect(within(entry).getByText('Retail price ¥468/drum')).toBeTruthy();
    expect(entry.querySelector('time')!.textContent).toMatch(/22 Nov/);
    expect(entry.textContent).toMatch(/Free gift: Buy 4L, get 1L free · until \w{3},? 30 Nov|until 30 Nov 2026/);
    expect(entry.textContent).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('says so when empty (en)', () => {
    inLocale('en', <IntelList items={[]} />);
    expect(screen.getByText('No intel yet.')).toBeTruthy();
  });

  it('links the source page safely, titled or by host, and does not repeat a brand equal to the competitor (zh-CN)', () => {
    const { container } = inLocale(
      'zh-CN',
      <IntelList
        items={[
          item({ competitorName: '美孚', brand: '美孚', product: '美孚1号', sku: '', sourceUrl: 'https://news.example.com/a?b=1', sourceTitle: HOSTILE }),
          item({ id: '01JF0000000000000000000002', observedDay: '2026-11-21', brand: '喜力', product: 'HX7', sku: '', sourceUrl: 'http://shop.example.cn/p/9' }),
          // Not reachable through the schema; the list guards anyway.
          { ...item({ id: '01JF0000000000000000000003', observedDay: '2026-11-20', sku: '' }), sourceUrl: 'javascript:alert(1)', sourceTitle: '伪装链接' },
        ]}
      />,
    );
    const [mobil, shell, hostile] = screen.getAllByRole('listitem');
    expect(within(mobil!).getByText('美孚1号')).toBeTruthy();
    expect(mobil!.textContent).not.toMatch(/美孚.*美孚.*美孚1号/);

    const titled = within(mobil!).getByRole('link', { name: HOSTILE });
    expect(titled.getAttribute('href')).toBe('https://news.example.com/a?b=1');
    expect(titled.getAttribute('target')).toBe('_blank');
    expect(titled.getAttribute('rel')).toBe('noopener noreferrer');
    expect(mobil!.textContent).toContain('来源：');

    // Each part wraps as a whole; together they read "brand · product".
    expect(within(shell!).getByText((_, el) => el?.tagName === 'P' && el.textContent?.replace(/\s+/g, ' ') === '喜力 · HX7')).toBeTruthy();
    const byHost = within(shell!).getByRole('link', { name: 'shop.example.cn' });
    expect(byHost.getAttribute('href')).toBe('http://shop.example.cn/p/9');
    expect(byHost.getAttribute('rel')).toBe('noopener noreferrer');

    expect(within(hostile!).queryByRole('link')).toBeNull();
    expect(within(hostile!).getByText('伪装链接')).toBeTruthy();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    // Read-only without callbacks.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('opens an item for editing and deletes only after asking (en)', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const onDelete = vi.fn().mockResolvedValue(undefined);
    inLocale(
      'en',
      <IntelList
        items={[item({ competitorName: 'Shell', sku: 'HX7-4L' }), item({ id: '01JF0000000000000000000002', competitorName: 'Mobil', sku: '', product: 'Mobil 1', observedDay: '2026-11-21' })]}
        onOpen={onOpen}
        onDelete={onDelete}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Edit intel “Mobil · Mobil 1” (21 Nov 2026)' }));
    expect(onOpen).toHaveBeenCalledWith('01JF0000000000000000000002');

    await user.click(screen.getByRole('button', { name: 'Delete intel “Shell · HX7-4L” (22 Nov 2026)' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete intel “Shell · HX7-4L” (22 Nov 2026)' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete intel “Shell · HX7-4L” (22 Nov 2026)' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDelete).toHaveBeenCalledWith('01JF0000000000000000000001');
  });

  it('names the buttons in Chinese (zh-CN)', () => {
    inLocale('zh-CN', <IntelList items={[item({ sku: 'HX7-4L' })]} onOpen={() => undefined} onDelete={() => undefined} />);
    expect(screen.getByRole('button', { name: '编辑竞品信息“壳牌 · HX7-4L”（2026年11月22日）' }).textContent).toBe('编辑');
    expect(screen.getByRole('button', { name: '删除竞品信息“壳牌 · HX7-4L”（2026年11月22日）' }).textContent).toBe('删除');
  });
});
