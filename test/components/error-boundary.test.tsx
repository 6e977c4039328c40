// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorBoundary } from '../../components/shell/ErrorBoundary';
import { errorBoundaryMessages } from '../../components/shell/error-messages';
import type { Locale } from '../../lib/kernel/i18n';
import { inLocale } from './helpers';

const boom = new TypeError('dealer.name is undefined (kaboom-7)');
let shouldThrow = true;

function Flaky() {
  if (shouldThrow) throw boom;
  return <p>Section content is back</p>;
}

function page(locale: Locale, section: string, onError?: (error: unknown) => void) {
  return inLocale(
    locale,
    <>
      <p>Sibling still here</p>
      <ErrorBoundary section={section} onError={onError}>
        <Flaky />
      </ErrorBoundary>
    </>,
  );
}

const cases = [
  {
    locale: 'zh-CN' as const,
    section: '客户卡',
    sentence: '「客户卡」出错了，页面其他部分仍可正常使用。请点“重试”；如果问题依旧，请复制详情发给管理员。',
    retry: '重试',
    copy: '复制详情',
    copied: '已复制，粘贴发给管理员即可。',
    copyFailed: '无法自动复制。详情已在下方展开，请手动选中后复制。',
    details: '详情',
  },
  {
    locale: 'en' as const,
    section: 'Visit cards',
    sentence:
      'Something went wrong in Visit cards. The rest of the page still works. Try again, and if it keeps happening, copy the details and send them to your admin.',
    retry: 'Try again',
    copy: 'Copy details',
    copied: 'Copied. Paste it into a message to your admin.',
    copyFailed: 'Could not copy automatically. The details are open below; select them and copy them by hand.',
    details: 'Details',
  },
];

beforeEach(() => {
  shouldThrow = true;
  // React logs every error a boundary catches; these are expected, keep the output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks(); // console.error and the clipboard spies
});

describe('ErrorBoundary', () => {
  for (const c of cases) {
    describe(c.locale, () => {
      it('replaces only the failing section with a message in the UI language', async () => {
        page(c.locale, c.section);
        const alert = await screen.findByRole('alert');
        expect(screen.getByText('Sibling still here')).toBeTruthy();
        expect(within(alert).getByText(c.sentence)).toBeTruthy();
        expect(within(alert).getByRole('button', { name: c.retry })).toBeTruthy();
        expect(within(alert).getByRole('button', { name: c.copy })).toBeTruthy();
        // Technical text only behind the closed Details disclosure, never in the sentence.
        expect(within(alert).getByText(c.sentence).textContent).not.toContain('kaboom-7');
        const details = alert.querySelector('details')!;
        expect(details.open).toBe(false);
        expect(within(details).getByText(c.details).tagName).toBe('SUMMARY');
        expect(details.querySelector('pre')!.textContent).toContain('kaboom-7');
      });

      it('copies a technical report, then says it was copied', async () => {
        const user = userEvent.setup();
        const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
        page(c.locale, c.section);
        await user.click(await screen.findByRole('button', { name: c.copy }));
        expect(writeText).toHaveBeenCalledTimes(1);
        const report = writeText.mock.calls[0]![0];
        expect(report).toContain('Error: TypeError');
        expect(report).toContain('Message: dealer.name is undefined (kaboom-7)');
        expect(report).toContain(boom.stack!);
        expect(report).toMatch(/Component stack:\n[\s\S]*Flaky/);
        expect(report).toContain(`Section: ${c.section}`);
        expect(report).toContain(`Language: ${c.locale}`);
        expect(report).toContain(`User agent: ${navigator.userAgent}`);
        expect(report).toMatch(/Time: \d{4}-\d{2}-\d{2}T/);
        expect(await screen.findByText(c.copied)).toBeTruthy();
        expect(screen.getByRole('alert').querySelector('details')!.open).toBe(false);
      });

      it('opens the details for copying by hand when the clipboard refuses', async () => {
        const user = userEvent.setup();
        vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
        page(c.locale, c.section);
        await user.click(await screen.findByRole('button', { name: c.copy }));
        expect(await screen.findByText(c.copyFailed)).toBeTruthy();
        const details = screen.getByRole('alert').querySelector('details')!;
        expect(details.open).toBe(true);
        const pre = details.querySelector('pre')!;
        expect(pre.textContent).toContain(boom.stack!);
        expect(screen.queryByText(c.copied)).toBeNull();
      });

      it('renders the section again on "try again"', async () => {
        const onError = vi.fn();
        page(c.locale, c.section, onError);
        await user().click(await screen.findByRole('button', { name: c.retry }));
        // Still broken: the message comes back, the page survives.
        expect(await screen.findByRole('alert')).toBeTruthy();
        shouldThrow = false;
        await user().click(screen.getByRole('button', { name: c.retry }));
        expect(await screen.findByText('Section content is back')).toBeTruthy();
        expect(screen.queryByRole('alert')).toBeNull();
        expect(screen.getByText('Sibling still here')).toBeTruthy();
        expect(onError).toHaveBeenCalledTimes(2);
      });
    });
  }

  it('calls onError with the error and the component stack', async () => {
    const onError = vi.fn();
    page('en', 'Intel', onError);
    await screen.findByRole('alert');
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, info] = onError.mock.calls[0]!;
    expect(error).toBe(boom);
    expect(info.componentStack).toContain('Flaky');
  });

  it('still shows the message when onError itself throws', async () => {
    page('en', 'Intel', () => {
      throw new Error('reporter down');
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong in Intel.');
    expect(screen.getByText('Sibling still here')).toBeTruthy();
  });

  it('reports a thrown non-Error value without failing again', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    function ThrowsString(): never {
      throw 'plain string thrown';
    }
    inLocale(
      'en',
      <ErrorBoundary section="Reports">
        <ThrowsString />
      </ErrorBoundary>,
    );
    await user.click(await screen.findByRole('button', { name: 'Copy details' }));
    const report = writeText.mock.calls[0]![0];
    expect(report).toContain('Error: (thrown string, not an Error)');
    expect(report).toContain('Message: plain string thrown');
    expect(report).toContain('Stack:\n(none)');
  });

  it('has the same keys and placeholders in both languages', () => {
    const { en, 'zh-CN': zh } = errorBoundaryMessages;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const vars = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(vars(zh[key]), key).toEqual(vars(en[key]));
    }
  });
});

function user() {
  return userEvent.setup();
}
