import { describe, expect, it, vi } from 'vitest';
import { createCaptureStore } from '../../lib/host/capture-store';
import { captureIdOf, newCaptureId, CAPTURE_ID_PATTERN, CaptureFrameMessage } from '../../lib/intel/capture-frame';
import type { SenderInfo } from '../../lib/messaging/router';

const FORM = 'chrome-extension://ext/intel-form.html';
const SHOT = `data:image/jpeg;base64,${'A'.repeat(4000)}`;
const PREVIEW = 'data:image/jpeg;base64,BBBB';

const contentScript = (tabId: number): SenderInfo => ({ id: 'ext', url: 'https://shop.example.com/p/1', tab: { id: tabId }, frameId: 0 });
const formFrame = (tabId: number, frameId = 7): SenderInfo => ({ id: 'ext', url: `${FORM}#x`, tab: { id: tabId }, frameId });

function memorySession() {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key: string) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v))),
    remove: async (key: string | string[]) => void [key].flat().forEach((k) => data.delete(k)),
  };
}

function store(overrides: Partial<Parameters<typeof createCaptureStore>[0]> = {}) {
  const session = memorySession();
  let clock = 1_000_000;
  const captures = createCaptureStore({
    photograph: async () => SHOT,
    shrink: async () => PREVIEW,
    session,
    now: () => clock,
    isFormPage: (sender) => (sender.url ?? '').startsWith(FORM),
    ...overrides,
  });
  return { captures, session, advance: (ms: number) => (clock += ms) };
}

const PAGE = { sourceUrl: 'https://shop.example.com/p/1', sourceTitle: '美孚1号 4L', sourceText: '¥429.00' };

describe('the capture store', () => {
  it('gives the form the page and a small preview; the save gets the full screenshot', async () => {
    const { captures } = store();
    const id = newCaptureId();
    await captures.open(contentScript(3), id, PAGE);
    await expect(captures.read(formFrame(3), id)).resolves.toEqual({ ...PAGE, screenshot: PREVIEW });
    await expect(captures.screenshotOf(formFrame(3), id)).resolves.toBe(SHOT);
  });

  it('answers a form that asks while the tab is still being photographed, once the picture is taken', async () => {
    let release!: () => void;
    const { captures } = store({ photograph: () => new Promise((resolve) => (release = () => resolve(SHOT))) });
    const id = newCaptureId();
    const opening = captures.open(contentScript(3), id, PAGE);
    const reading = captures.read(formFrame(3), id);
    let answered = false;
    void reading.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBe(false);
    release();
    await opening;
    await expect(reading).resolves.toMatchObject({ sourceTitle: '美孚1号 4L', screenshot: PREVIEW });
  });

  it('is read only by our form page, in the tab that opened it, by the first frame that asks', async () => {
    const { captures } = store();
    const id = newCaptureId();
    await captures.open(contentScript(3), id, PAGE);
    await expect(captures.read(contentScript(3), id)).resolves.toBeUndefined(); // a content script: never
    await expect(captures.read(formFrame(4), id)).resolves.toBeUndefined(); // another tab
    await expect(captures.read(formFrame(3, 7), id)).resolves.toBeDefined();
    await expect(captures.read(formFrame(3, 9), id)).resolves.toBeUndefined(); // a second frame (a page framing our form itself)
    await expect(captures.screenshotOf(formFrame(3, 9), id)).resolves.toBeUndefined();
    await expect(captures.screenshotOf(formFrame(3, 7), id)).resolves.toBe(SHOT);
  });

  it('survives the worker being stopped (kept in session storage), and forgets after a save or two hours', async () => {
    const session = memorySession();
    const first = store({ session });
    const id = newCaptureId();
    await first.captures.open(contentScript(3), id, PAGE);
    await vi.waitFor(() => expect(session.data.size).toBe(1));
    const restarted = createCaptureStore({ session, now: () => 1_000_000, isFormPage: (s) => (s.url ?? '').startsWith(FORM), photograph: async () => undefined });
    const started = Date.now();
    await expect(restarted.screenshotOf(formFrame(3), id)).resolves.toBe(SHOT);
    expect(Date.now() - started).toBeLessThan(1000); // read at once, not after waiting for it to arrive
    await restarted.forget(id);
    expect(session.data.size).toBe(0);

    const late = store();
    const other = newCaptureId();
    await late.captures.open(contentScript(3), other, PAGE);
    late.advance(2 * 60 * 60 * 1000 + 1);
    await expect(late.captures.read(formFrame(3), other)).resolves.toBeUndefined();
  });

  it('opens without a picture when the tab cannot be photographed, and refuses an id twice or without a tab', async () => {
    const { captures } = store({ photograph: async () => Promise.reject(new Error('activeTab not granted')) });
    const id = newCaptureId();
    await captures.open(contentScript(3), id, PAGE);
    await expect(captures.read(formFrame(3), id)).resolves.toEqual(PAGE);
    await expect(captures.open(contentScript(3), id, PAGE)).rejects.toThrow(/already open/);
    await expect(captures.open({ id: 'ext', url: FORM }, newCaptureId(), PAGE)).rejects.toThrow(/from a tab/);
  });

  it('keeps no picture that is not a PNG or JPEG data URL', async () => {
    const { captures } = store({ photograph: async () => 'data:text/html;base64,PHNjcmlwdD4=' });
    const id = newCaptureId();
    await captures.open(contentScript(3), id, PAGE);
    await expect(captures.screenshotOf(formFrame(3), id)).resolves.toBeUndefined();
  });
});

describe('the capture frame wire', () => {
  it('makes unguessable ids the protocol accepts, read back from the hash only when well formed', () => {
    const ids = new Set(Array.from({ length: 200 }, newCaptureId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(CAPTURE_ID_PATTERN);
    const [id] = ids;
    expect(captureIdOf(`#${id}`)).toBe(id);
    expect(captureIdOf('#short')).toBeUndefined();
    expect(captureIdOf('#<img src=x onerror=alert(1)>aaaaaaaaaaaaaaaa')).toBeUndefined();
  });

  it('accepts only the height and close messages from the frame', () => {
    expect(CaptureFrameMessage.safeParse({ type: 'fieldkit-intel:height', height: 512 }).success).toBe(true);
    expect(CaptureFrameMessage.safeParse({ type: 'fieldkit-intel:close' }).success).toBe(true);
    expect(CaptureFrameMessage.safeParse({ type: 'fieldkit-intel:height', height: -1 }).success).toBe(false);
    expect(CaptureFrameMessage.safeParse({ type: 'fieldkit-intel:height', height: Number.NaN }).success).toBe(false);
    expect(CaptureFrameMessage.safeParse({ type: 'fieldkit-panel:height', height: 10 }).success).toBe(false);
  });
});
