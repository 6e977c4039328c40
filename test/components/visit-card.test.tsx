// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PhotoDownscalerProvider, VisitCardDetails, VisitCardForm, VisitCardList } from '../../components/visits/index';
import { VisitCard } from '../../lib/visits/schema';
import { VisitPhoto } from '../../lib/visits/photo';
import { PhotoError } from '../../lib/visits/photo-size';
import { VisitLockedError, type PhotoDraft } from '../../lib/visits/save';
import type { RecordDraft } from '../../lib/store/records';
import type { Locale } from '../../lib/kernel/i18n';
import type { ReactNode } from 'react';
import { alertTexts, fillIn, inLocale, pendingSave, saveAndFail, valueOf } from './helpers';

afterEach(cleanup);

const DEALER_A = '01JD0000000000000000000001';
const DEALER_B = '01JD0000000000000000000002';
const dealers = [
  { id: DEALER_A, name: '华联商贸' },
  { id: DEALER_B, name: '永盛批发' },
];
const TODAY = '2026-11-23';

let serial = 0;
function card(overrides: Partial<VisitCard>): VisitCard {
  serial += 1;
  const visitDay = overrides.visitDay ?? '2026-11-10';
  return VisitCard.parse({
    id: `01JE00000000000000000000${String(serial).padStart(2, '0')}`,
    schemaVersion: 2,
    author: { id: 'owner-101', name: '张伟' },
    createdAt: `${visitDay}T08:00:00.000Z`,
    updatedAt: `${visitDay}T08:00:00.000Z`,
    dealerId: DEALER_A,
    visitDay,
    isoWeek: '2026-W46',
    actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
    ...overrides,
  });
}

const history: VisitCard[] = [
  card({ visitDay: '2026-10-05', orderQuantity: 30, currentInventory: 50 }),
  card({ visitDay: '2026-10-19', orderQuantity: 20, currentInventory: 44 }),
  card({ visitDay: '2026-11-02', orderQuantity: 25, currentInventory: 41 }),
  card({ visitDay: '2026-11-16', orderQuantity: 15, currentInventory: 38, unit: '箱' }),
  card({ visitDay: '2026-11-16', dealerId: DEALER_B, orderQuantity: 99, currentInventory: 7 }),
  // After the back-fill day used below: must not leak into a card dated earlier.
  card({ visitDay: '2026-11-20', orderQuantity: 12, currentInventory: 30 }),
];

/**
 * What the side panel's loader answers (visits.ofDealerBetween): the dealer's cards up to and
 * including the day, newest first, the card being edited among them.
 */
function loaderOf(cards: VisitCard[]) {
  return vi.fn(async (dealerId: string, visitDay: string) =>
    cards.filter((c) => c.dealerId === dealerId && c.visitDay <= visitDay).sort((a, b) => b.visitDay.localeCompare(a.visitDay)),
  );
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The rows of the recent-purchases table, once the history has arrived. */
async function recentRows(name: string) {
  const recent = within(screen.getByRole('region', { name }));
  await waitFor(() => expect(recent.queryAllByRole('row').length).toBeGreaterThan(0));
  return recent.getAllByRole('row').slice(1).map((row) => row.textContent);
}

/** What the host adds before saving; the result must satisfy the record's schema. */
function asRecord(draft: RecordDraft<'visitCards'>) {
  return VisitCard.safeParse({
    ...draft,
    id: draft.id ?? '01JF0000000000000000000001',
    schemaVersion: 2,
    author: { id: 'owner-101', name: '张伟' },
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
  });
}

describe('VisitCardForm', () => {
  it('prefills from history after picking a dealer and saves a valid draft (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    const loadHistory = loaderOf(history);
    inLocale('zh-CN', <VisitCardForm dealers={dealers} loadHistory={loadHistory} requiredSkus={['HX7-4L', 'HX5-1L']} today={TODAY} onSave={onSave} />);

    expect(screen.getByText('选择经销商后显示最近几次进货。')).toBeTruthy();
    expect(loadHistory).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByLabelText('经销商'), DEALER_A);
    expect(loadHistory).toHaveBeenLastCalledWith(DEALER_A, TODAY);

    // 往期销量: October's orders (30 + 20); recent purchases newest first, from this dealer only.
    const rows = await recentRows('最近几次进货数量');
    expect(rows).toEqual(['2026-11-2012 箱', '2026-11-1615 箱', '2026-11-0225 箱', '2026-10-1920 箱', '2026-10-0530 箱']);
    await waitFor(() => expect(valueOf('往期销量')).toBe('50'));
    expect(within(screen.getByRole('region', { name: '最近几次进货数量' })).queryByText(/99/)).toBeNull();

    await fillIn(user, { 当期库存: '26', 本次进货量: '18', 进货品种: 'HX7-4L{Enter}HX5-1L,' });
    await user.click(screen.getByLabelText('HX7-4L 已铺货'));
    await user.click(screen.getByLabelText('做陈列'));
    await user.click(screen.getByLabelText('大客户走访'));
    await user.type(screen.getByLabelText('备注'), '  堆头已调整  ');
    // Typing the count and the order ticked the matching actions.
    expect((screen.getByLabelText('查库存') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('下订单') as HTMLInputElement).checked).toBe(true);

    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const draft = onSave.mock.calls[0]![0];
    expect(draft).toMatchObject({
      dealerId: DEALER_A,
      visitDay: TODAY,
      isoWeek: '2026-W48',
      previousPeriodSales: 50,
      currentInventory: 26,
      orderQuantity: 18,
      unit: '箱',
      orderedSkus: ['HX7-4L', 'HX5-1L'],
      requiredSkus: [
        { sku: 'HX7-4L', carried: true },
        { sku: 'HX5-1L', carried: false },
      ],
      actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
      keyAccount: true,
      note: '堆头已调整',
    });
    expect(draft.recentPurchases).toEqual([
      { day: '2026-11-20', quantity: 12 },
      { day: '2026-11-16', quantity: 15 },
      { day: '2026-11-02', quantity: 25 },
      { day: '2026-10-19', quantity: 20 },
      { day: '2026-10-05', quantity: 30 },
    ]);
    expect(asRecord(draft).success).toBe(true);
  });

  it('back-fills an earlier day: the ISO week follows, later cards are not history', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    const loadHistory = loaderOf(history);
    inLocale('en', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loadHistory} today={TODAY} onSave={onSave} />);
    const day = screen.getByLabelText('Visit date');
    await user.clear(day);
    await user.type(day, '2026-11-18');
    expect(loadHistory).toHaveBeenLastCalledWith(DEALER_A, '2026-11-18');
    expect((await recentRows('Recent purchases'))[0]).toBe('2026-11-1615 cases');
    expect(within(screen.getByRole('region', { name: 'Recent purchases' })).queryByText('2026-11-20')).toBeNull();
    expect(screen.getByText(/Week 47, 2026/)).toBeTruthy();
    await waitFor(() => expect(valueOf('Previous-period sales')).toBe('50'));
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft).toMatchObject({ visitDay: '2026-11-18', isoWeek: '2026-W47', previousPeriodSales: 50 });
    expect(draft.recentPurchases?.[0]).toEqual({ day: '2026-11-16', quantity: 15 });
    expect(asRecord(draft).success).toBe(true);
  });

  it('says it is loading, and keeps what the rep typed when the history arrives late (en)', async () => {
    const user = userEvent.setup();
    const answer = deferred<VisitCard[]>();
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    inLocale('en', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={() => answer.promise} today={TODAY} onSave={onSave} />);
    expect(screen.getByText('Loading this customer’s earlier cards…')).toBeTruthy();
    await fillIn(user, { 'Previous-period sales': '7' });
    await user.clear(screen.getByLabelText('Unit'));
    await user.type(screen.getByLabelText('Unit'), '条');
    answer.resolve(await loaderOf(history)(DEALER_A, TODAY));
    expect(await recentRows('Recent purchases')).toHaveLength(5);
    expect(valueOf('Previous-period sales')).toBe('7');
    expect(valueOf('Unit')).toBe('条');
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ previousPeriodSales: 7, unit: '条' });
  });

  it('ignores a late answer for a dealer no longer chosen (zh-CN)', async () => {
    const user = userEvent.setup();
    const answers: Record<string, ReturnType<typeof deferred<VisitCard[]>>> = { [DEALER_A]: deferred(), [DEALER_B]: deferred() };
    inLocale('zh-CN', <VisitCardForm dealers={dealers} loadHistory={(dealerId) => answers[dealerId]!.promise} today={TODAY} onSave={vi.fn()} />);
    await user.selectOptions(screen.getByLabelText('经销商'), DEALER_A);
    expect(screen.getByText('正在读取该客户以往的客户卡…')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('经销商'), DEALER_B);
    answers[DEALER_B]!.resolve(await loaderOf(history)(DEALER_B, TODAY));
    expect(await recentRows('最近几次进货数量')).toEqual(['2026-11-1699 箱']);
    answers[DEALER_A]!.resolve(await loaderOf(history)(DEALER_A, TODAY));
    await new Promise((settle) => setTimeout(settle, 20));
    expect(await recentRows('最近几次进货数量')).toEqual(['2026-11-1699 箱']);
  });

  it('says so when the history cannot be read, and still saves (zh-CN)', async () => {
    const user = userEvent.setup();
    const loadHistory = loaderOf(history);
    loadHistory.mockRejectedValueOnce(new Error('数据库已锁定'));
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    inLocale('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loadHistory} today={TODAY} onSave={onSave} />);
    expect((await screen.findByRole('status')).textContent).toBe('没能读取该客户以往的客户卡，未能预填，请直接填写各项数字。');
    // The technical reason is there for whoever helps, folded under 详情.
    expect(screen.getByText('详情').closest('details')!.textContent).toContain('数据库已锁定');
    expect(valueOf('往期销量')).toBe('');
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    // The save asks again, so the card still records the dealer's last orders.
    expect(loadHistory).toHaveBeenCalledTimes(2);
    expect(onSave.mock.calls[0]![0].recentPurchases).toHaveLength(5);
  });

  it('names the field in announced validation errors and does not save (en)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue(undefined);
    inLocale('en', <VisitCardForm dealers={dealers} loadHistory={loaderOf([])} today={TODAY} onSave={onSave} />);
    // A new card starts in the UI language: the unit, and the day picked from a calendar or typed.
    expect(valueOf('Unit')).toBe('case');
    expect(screen.getByRole('button', { name: 'Pick a date from the calendar' })).toBeTruthy();
    await user.type(screen.getByLabelText('Current inventory'), '-3');
    const day = screen.getByLabelText('Visit date');
    await user.clear(day);
    await user.type(day, '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    const alerts = alertTexts();
    expect(alerts).toContain('Dealer: choose a dealer');
    expect(alerts).toContain('Visit date: cannot be later than today');
    expect(alerts).toContain('Current inventory: enter a number of 0 or more');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Dealer').getAttribute('aria-invalid')).toBe('true');
  });

  it('announces validation errors in Chinese', async () => {
    const user = userEvent.setup();
    inLocale('zh-CN', <VisitCardForm dealers={dealers} loadHistory={loaderOf([])} today={TODAY} onSave={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(screen.getByRole('alert').textContent).toBe('经销商：请选择经销商');
  });

  it('disables save while saving, and keeps everything typed when the save fails', async () => {
    const user = userEvent.setup();
    const save = pendingSave<[RecordDraft<'visitCards'>]>();
    inLocale('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_B} loadHistory={loaderOf(history)} today={TODAY} onSave={save.onSave} />);
    await recentRows('最近几次进货数量');
    await fillIn(user, { 当期库存: '12', 备注: '老板不在店' });
    await saveAndFail(user, '保存客户卡', save, '数据库已锁定', '保存失败：数据库已锁定。已填写的内容都还在，可以直接重试。');
    expect(valueOf('当期库存')).toBe('12');
    expect(valueOf('备注')).toBe('老板不在店');
    expect(valueOf('经销商')).toBe(DEALER_B);
  });

  it('gently asks when the counted inventory equals the last card exactly, without blocking', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue(undefined);
    inLocale('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loaderOf(history)} today={TODAY} onSave={onSave} />);
    await recentRows('最近几次进货数量');
    const inventory = screen.getByLabelText('当期库存');
    await user.type(inventory, '31');
    expect(screen.queryByText(/与上次拜访/)).toBeNull();
    await user.clear(inventory);
    await user.type(inventory, '30');
    expect(screen.getByText('与上次拜访（11月20日周五）的库存完全一样：30 箱。如果确实是现场清点的，请忽略这条提示。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('edits an existing card without counting it as its own history (en)', async () => {
    const user = userEvent.setup();
    const existing = history[3]!;
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    const loadHistory = loaderOf(history);
    inLocale('en', <VisitCardForm dealers={dealers} loadHistory={loadHistory} initial={existing} today={TODAY} onSave={onSave} />);
    expect(valueOf('Current inventory')).toBe('38');
    expect(loadHistory).toHaveBeenCalledWith(DEALER_A, '2026-11-16');
    expect(await recentRows('Recent purchases')).toEqual(['2026-11-0225 cases', '2026-10-1920 cases', '2026-10-0530 cases']);
    expect(screen.queryByText(/Exactly the same/)).toBeNull();
    // The stored card is shown as it was saved: the arriving history does not refill it.
    expect(valueOf('Previous-period sales')).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft.id).toBe(existing.id);
    expect(draft.recentPurchases?.map((p) => p.day)).toEqual(['2026-11-02', '2026-10-19', '2026-10-05']);
  });

  it('opens an existing card with its values and saves a change under the same id (zh-CN)', async () => {
    const user = userEvent.setup();
    const existing = card({
      visitDay: '2026-11-21',
      dealerId: DEALER_B,
      previousPeriodSales: 80,
      currentInventory: 9,
      orderQuantity: 15,
      unit: '桶',
      orderedSkus: ['HX7-4L'],
      keyAccount: true,
      note: '老板要求下周补货',
    });
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>) => Promise<void>>().mockResolvedValue();
    inLocale('zh-CN', <VisitCardForm dealers={dealers} loadHistory={loaderOf([...history, existing])} initial={existing} today={TODAY} onSave={onSave} />);
    expect(valueOf('经销商')).toBe(DEALER_B);
    expect(valueOf('拜访日期')).toBe('2026-11-21');
    expect(valueOf('往期销量')).toBe('80');
    expect(valueOf('当期库存')).toBe('9');
    expect(valueOf('本次进货量')).toBe('15');
    expect(valueOf('单位')).toBe('桶');
    expect(valueOf('备注')).toBe('老板要求下周补货');
    expect((screen.getByLabelText('大客户走访') as HTMLInputElement).checked).toBe(true);
    expect(await recentRows('最近几次进货数量')).toEqual(['2026-11-1699 箱']);
    const order = screen.getByLabelText('本次进货量');
    await user.clear(order);
    await user.type(order, '16');
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    const draft = onSave.mock.calls[0]![0];
    expect(draft).toMatchObject({
      id: existing.id,
      dealerId: DEALER_B,
      visitDay: '2026-11-21',
      previousPeriodSales: 80,
      currentInventory: 9,
      orderQuantity: 16,
      unit: '桶',
      orderedSkus: ['HX7-4L'],
      keyAccount: true,
      note: '老板要求下周补货',
      recentPurchases: [{ day: '2026-11-16', quantity: 99 }],
    });
    expect(asRecord(draft).success).toBe(true);
  });
});

/**
 * jsdom has no canvas: this stands in for the browser's downscaler. A file's name says what
 * happens to it ("broken…" cannot be decoded, "huge…" stays too big); a non-image type is refused
 * as the real one refuses it.
 */
const fakeDownscale = vi.fn(async (file: File) => {
  if (file.type && !file.type.startsWith('image/')) throw new PhotoError('notImage');
  if (file.name.startsWith('broken')) throw new PhotoError('unreadable');
  if (file.name.startsWith('huge')) throw new PhotoError('tooLarge');
  return { mime: 'image/jpeg' as const, width: 1600, height: 1200, dataUrl: `data:image/jpeg;base64,${btoa(encodeURIComponent(file.name))}` };
});

function withPhotos(locale: Locale, ui: ReactNode) {
  return inLocale(locale, <PhotoDownscalerProvider downscale={fakeDownscale}>{ui}</PhotoDownscalerProvider>);
}

const jpeg = (name: string) => new File(['jpeg bytes'], name, { type: 'image/jpeg' });
const nameOf = (photo: PhotoDraft) => decodeURIComponent(atob(photo.dataUrl.split(',')[1]!));

function storedPhoto(n: number, caption?: string): VisitPhoto {
  return VisitPhoto.parse({
    id: `01JP00000000000000000000${String(n).padStart(2, '0')}`,
    schemaVersion: 1,
    author: { id: 'owner-101', name: '张伟' },
    createdAt: `2026-11-21T08:00:0${n}.000Z`,
    updatedAt: `2026-11-21T08:00:0${n}.000Z`,
    visitCardId: '01JE0000000000000000000099',
    mime: 'image/jpeg',
    width: 1200,
    height: 1600,
    dataUrl: `data:image/jpeg;base64,${btoa(`stored ${n}`)}`,
    ...(caption ? { caption } : {}),
  });
}

describe('VisitCardForm: display photos', () => {
  it('adds photos from files, captions one, removes one, opens one larger and saves them in order (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>, photos: PhotoDraft[]) => Promise<void>>().mockResolvedValue();
    withPhotos('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loaderOf(history)} today={TODAY} onSave={onSave} />);
    const photos = within(screen.getByRole('group', { name: '陈列照片' }));
    expect(photos.getByText('最多 6 张。照片会先缩小，再随客户卡保存在本机。')).toBeTruthy();
    expect(photos.queryByRole('list')).toBeNull();

    await user.upload(photos.getByLabelText('添加照片'), [jpeg('端架.jpg'), jpeg('堆头.jpg'), jpeg('门头.jpg')]);
    const rows = await photos.findAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(fakeDownscale).toHaveBeenCalledTimes(3);
    // Each row holds its own labelled remove button and caption.
    expect(within(rows[1]!).getByRole('button', { name: '移除照片 2' }).textContent).toBe('移除');
    await user.type(within(rows[0]!).getByLabelText('照片 1 的说明'), '端架陈列');

    // Open the second larger, then close it.
    await user.click(photos.getByRole('button', { name: '放大照片 2' }));
    expect(photos.getByRole('button', { name: '放大照片 2' }).getAttribute('aria-expanded')).toBe('true');
    const large = photos.getByRole('figure');
    expect(within(large).getByRole('img', { name: '照片 2' })).toBeTruthy();
    await user.click(within(large).getByRole('button', { name: '收起照片' }));
    expect(photos.queryByRole('figure')).toBeNull();

    await user.click(photos.getByRole('button', { name: '移除照片 2' }));
    expect(photos.getAllByRole('listitem')).toHaveLength(2);
    expect((photos.getByLabelText('照片 1 的说明') as HTMLInputElement).value).toBe('端架陈列');

    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const saved = onSave.mock.calls[0]![1];
    expect(saved.map(nameOf)).toEqual(['端架.jpg', '门头.jpg']);
    expect(saved[0]).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 1200, caption: '端架陈列' });
    expect(saved[0]).not.toHaveProperty('key');
    expect(saved[1]!.id).toBeUndefined();
  });

  it('refuses a non-image and a damaged file in one sentence each, and still adds the good one (en)', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>, photos: PhotoDraft[]) => Promise<void>>().mockResolvedValue();
    withPhotos('en', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loaderOf(history)} today={TODAY} onSave={onSave} />);
    const photos = within(screen.getByRole('group', { name: 'Display photos' }));
    await user.upload(photos.getByLabelText('Add photos'), new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect((await photos.findByRole('alert')).textContent).toBe('“notes.txt” is not an image: choose a photo.');
    expect(photos.queryByRole('list')).toBeNull();

    await user.upload(photos.getByLabelText('Add photos'), [jpeg('broken.jpg'), jpeg('shelf.jpg')]);
    await waitFor(() => expect(photos.getAllByRole('listitem')).toHaveLength(1));
    expect(photos.getByRole('alert').textContent).toBe('“broken.jpg” could not be opened (it may be damaged or in an unsupported format): choose another photo.');

    await user.upload(photos.getByLabelText('Add photos'), jpeg('huge.jpg'));
    expect((await photos.findByRole('alert')).textContent).toBe('“huge.jpg” is still over 1 MB after downscaling: choose a smaller photo.');
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    expect(onSave.mock.calls[0]![1].map(nameOf)).toEqual(['shelf.jpg']);
  });

  it('names the size limit in Chinese too, and stops at six photos', async () => {
    const user = userEvent.setup();
    withPhotos('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loaderOf(history)} today={TODAY} onSave={vi.fn()} />);
    const photos = within(screen.getByRole('group', { name: '陈列照片' }));
    await user.upload(photos.getByLabelText('添加照片'), jpeg('huge-1.jpg'));
    expect((await photos.findByRole('alert')).textContent).toBe('“huge-1.jpg”缩小后仍超过 1 MB，请换一张小一些的照片。');
    await user.upload(
      photos.getByLabelText('添加照片'),
      Array.from({ length: 7 }, (_, i) => jpeg(`p${i + 1}.jpg`)),
    );
    await waitFor(() => expect(photos.getAllByRole('listitem')).toHaveLength(6));
    expect(photos.getByRole('alert').textContent).toBe('每张客户卡最多 6 张照片，“p7.jpg”没有添加，请先移除一张。');
    expect(photos.getByText('已有 6 张照片，移除一张后才能再添加。')).toBeTruthy();
    expect((photos.getByLabelText('添加照片') as HTMLInputElement).disabled).toBe(true);
  });

  it('offers the camera on a touch device only, as a file input that asks for the rear camera (zh-CN)', () => {
    withPhotos('zh-CN', <VisitCardForm dealers={dealers} loadHistory={loaderOf([])} today={TODAY} onSave={vi.fn()} />);
    expect(screen.queryByLabelText('拍照')).toBeNull();
    cleanup();
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === '(pointer: coarse)', addEventListener: () => undefined, removeEventListener: () => undefined }));
    try {
      withPhotos('zh-CN', <VisitCardForm dealers={dealers} loadHistory={loaderOf([])} today={TODAY} onSave={vi.fn()} />);
      const camera = screen.getByLabelText('拍照') as HTMLInputElement;
      expect(camera.getAttribute('capture')).toBe('environment');
      expect(camera.accept).toBe('image/*');
      expect((screen.getByLabelText('添加照片') as HTMLInputElement).hasAttribute('capture')).toBe(false);
      expect((screen.getByLabelText('添加照片') as HTMLInputElement).multiple).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('opens with the stored photos and keeps their ids; a removed one is left out of the save (en)', async () => {
    const user = userEvent.setup();
    const existing = card({ visitDay: '2026-11-21', photoCount: 2 });
    const onSave = vi.fn<(draft: RecordDraft<'visitCards'>, photos: PhotoDraft[]) => Promise<void>>().mockResolvedValue();
    const stored = [storedPhoto(1, 'End cap'), storedPhoto(2)];
    withPhotos('en', <VisitCardForm dealers={dealers} loadHistory={loaderOf(history)} initial={existing} initialPhotos={stored} today={TODAY} onSave={onSave} />);
    const photos = within(screen.getByRole('group', { name: 'Display photos' }));
    expect((photos.getByLabelText('Caption of photo 1') as HTMLInputElement).value).toBe('End cap');
    await user.click(photos.getByRole('button', { name: 'Remove photo 1' }));
    await user.type(photos.getByLabelText('Caption of photo 1'), 'Shelf');
    await user.upload(photos.getByLabelText('Add photos'), jpeg('new.jpg'));
    await waitFor(() => expect(photos.getAllByRole('listitem')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Save visit card' }));
    const [draft, saved] = onSave.mock.calls[0]!;
    expect(draft.id).toBe(existing.id);
    expect(saved.map((p) => [p.id, p.caption])).toEqual([
      [stored[1]!.id, 'Shelf'],
      [undefined, undefined],
    ]);
  });

  it('says in one sentence that the day is closed when the save is refused for that, keeping what was typed (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockRejectedValue(new VisitLockedError('daySubmitted', TODAY));
    withPhotos('zh-CN', <VisitCardForm dealers={dealers} dealerId={DEALER_A} loadHistory={loaderOf(history)} today={TODAY} onSave={onSave} />);
    await fillIn(user, { 当期库存: '12' });
    await user.click(screen.getByRole('button', { name: '保存客户卡' }));
    expect((await screen.findByRole('alert')).textContent).toBe('那天的日报已提交，当天的客户卡不能再添加或修改。');
    expect(screen.queryByText(/保存失败/)).toBeNull();
    expect(valueOf('当期库存')).toBe('12');
  });
});

describe('VisitCardDetails (read-only)', () => {
  const existing = card({
    visitDay: '2026-11-21',
    dealerId: DEALER_B,
    previousPeriodSales: 80,
    currentInventory: 9,
    orderQuantity: 15,
    unit: '桶',
    orderedSkus: ['HX7-4L', 'HX5-1L'],
    requiredSkus: [
      { sku: 'HX7-4L', carried: true },
      { sku: 'ULTRA-4L', carried: false },
    ],
    keyAccount: true,
    note: '老板要求下周补货',
    photoCount: 2,
  });

  it('says why it cannot be changed, shows the card and opens a photo larger (zh-CN)', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    inLocale('zh-CN', <VisitCardDetails card={existing} dealerName="永盛批发" photos={[storedPhoto(1, '端架'), storedPhoto(2)]} reason="daySubmitted" onClose={onClose} />);
    const details = within(screen.getByTestId('visit-card-details'));
    expect(details.getByText('当天日报已提交，客户卡不能再改。')).toBeTruthy();
    expect(details.getByText('9 桶')).toBeTruthy();
    expect(details.getByText('HX7-4L、HX5-1L')).toBeTruthy();
    expect(details.getByText('ULTRA-4L')).toBeTruthy();
    expect(details.getByText('推荐新品')).toBeTruthy();
    expect(details.getByText('老板要求下周补货')).toBeTruthy();
    // Nothing to type into, nothing to save.
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /保存/ })).toBeNull();
    await user.click(details.getByRole('button', { name: '放大照片 1' }));
    expect(details.getByRole('img', { name: '照片 1：端架' })).toBeTruthy();
    await user.click(details.getByRole('button', { name: '关闭' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('names the author when it is someone else’s card, and says where photos not on this device are (en)', () => {
    inLocale('en', <VisitCardDetails card={existing} dealerName="Yongsheng" photos={[]} reason="notAuthor" />);
    expect(screen.getByText('This is 张伟’s visit card: you can read it but not change it.')).toBeTruthy();
    expect(screen.getByText('2 photos are kept on the author’s device.')).toBeTruthy();
    expect(screen.getByText('15 drums')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('VisitCardList', () => {
  const dealersById = { [DEALER_A]: '华联商贸', [DEALER_B]: '永盛批发' };

  it('shows date, dealer, order and actions done, and opens a card', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    inLocale('zh-CN', <VisitCardList cards={[history[3]!, card({ visitDay: '2026-11-21', dealerId: DEALER_B, keyAccount: true })]} dealersById={dealersById} onOpen={onOpen} />);
    const rows = within(screen.getByRole('list', { name: '客户卡' })).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('11月21日周六');
    expect(rows[0]!.textContent).toContain('永盛批发');
    expect(rows[0]!.textContent).toContain('大客户');
    expect(rows[0]!.textContent).toContain('未下单');
    expect(rows[1]!.textContent).toContain('进货 15 箱');
    expect(within(rows[1]!).getByText('必做动作 3/4')).toBeTruthy();
    expect(within(rows[1]!).getByText('已完成 3/4 项必做动作')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /删除/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: '查看华联商贸 2026-11-16 的客户卡' }));
    expect(onOpen).toHaveBeenCalledWith(history[3]!.id);
  });

  it('asks before deleting a card, then deletes it (zh-CN)', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn().mockResolvedValue(undefined);
    inLocale('zh-CN', <VisitCardList cards={[history[3]!, history[4]!]} dealersById={dealersById} onOpen={vi.fn()} onDelete={onDelete} />);
    await user.click(screen.getByRole('button', { name: '删除客户卡 华联商贸 2026-11-16' }));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: '确定删除？' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '确定删除客户卡 华联商贸 2026-11-16' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDelete).toHaveBeenCalledWith(history[3]!.id);
  });

  it('keeps a card when the rep thinks better of deleting it (en)', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn().mockResolvedValue(undefined);
    inLocale('en', <VisitCardList cards={[history[4]!]} dealersById={dealersById} onDelete={onDelete} />);
    expect(screen.queryByRole('button', { name: /^Open/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete visit card 永盛批发 2026-11-16' }));
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete visit card 永盛批发 2026-11-16' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete visit card 永盛批发 2026-11-16' }));
    expect(onDelete).toHaveBeenCalledWith(history[4]!.id);
  });

  it('reads in English, units included (en)', () => {
    inLocale('en', <VisitCardList cards={[history[3]!]} dealersById={dealersById} />);
    const [row] = within(screen.getByRole('list', { name: 'Visit cards' })).getAllByRole('listitem');
    expect(row!.textContent).toContain('Mon 16 Nov');
    expect(row!.textContent).toContain('Ordered 15 cases');
    expect(row!.textContent).toContain('Actions 3/4');
    expect(row!.textContent).not.toContain('箱');
  });

  it('marks a card whose day is submitted, offers no delete for it, and counts photos (zh-CN)', () => {
    const withPhotosCard = card({ visitDay: '2026-11-22', dealerId: DEALER_B, photoCount: 3 });
    inLocale('zh-CN', <VisitCardList cards={[history[3]!, withPhotosCard]} dealersById={dealersById} onOpen={vi.fn()} onDelete={vi.fn()} lockedIds={new Set([history[3]!.id])} />);
    const [open, closed] = within(screen.getByRole('list', { name: '客户卡' })).getAllByRole('listitem');
    expect(open!.textContent).toContain('3 张照片');
    expect(open!.textContent).not.toContain('日报已提交');
    expect(within(open!).getByRole('button', { name: '删除客户卡 永盛批发 2026-11-22' })).toBeTruthy();
    expect(closed!.textContent).toContain('日报已提交');
    expect(closed!.textContent).not.toContain('张照片');
    expect(within(closed!).queryByRole('button', { name: /删除/ })).toBeNull();
    expect(within(closed!).getByRole('button', { name: '查看华联商贸 2026-11-16 的客户卡' })).toBeTruthy();
  });

  it('says so when there are no cards (en)', () => {
    inLocale('en', <VisitCardList cards={[]} dealersById={{}} />);
    expect(screen.getByText('No visit cards yet.')).toBeTruthy();
  });
});
