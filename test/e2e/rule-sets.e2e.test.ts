/** Rule sets edited in the options page of the built extension: live score, versioned save, refusal. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';

let session: ExtensionSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function sampleTotal(page: Page): Promise<number> {
  const text = await page.getByTestId('sample-score').innerText();
  return Number(/Total\s*([\d.]+)/.exec(text)?.[1]);
}

describe('rule sets in options', () => {
  it('edits an item with a live sample score, saves a new version, and refuses an invalid file keeping it active', async () => {
    session = await launchExtension({ locale: 'en' });
    const options = await session.openPage('options.html#rule-sets');
    await options.getByLabel('Rule set', { exact: true }).selectOption({ value: 'dealer-quarterly' });
    const before = await sampleTotal(options);
    expect(before).toBeGreaterThan(0);

    // One price-policy breach in the sample: raising the deduction from 3 to 5 costs 2 points.
    const points = options.getByLabel('Points per price-policy breach', { exact: true });
    await expect(points.inputValue()).resolves.toBe('3');
    await points.fill('5');
    await expect.poll(() => sampleTotal(options)).toBeCloseTo(before - 2, 5);

    await options.getByRole('button', { name: 'Save as version 2' }).click();
    await options.getByText('Saved version 2').waitFor();
    const stored = await readRows<{ id: string; version: number }>(options, 'ruleSets');
    expect(stored.map((r) => `${r.id}@${r.version}`)).toEqual(['dealer-quarterly@2']);
    const [active] = await readRows<{ key: string; value: Record<string, number> }>(options, 'settings').then((rows) => rows.filter((r) => r.key === 'activeRuleSets'));
    expect(active?.value['dealer-quarterly']).toBe(2);

    await options.getByLabel('Import a rule-set file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ id: 'dealer-quarterly', version: 3, effectiveFrom: 'next spring', root: { id: 'x' } })),
    });
    const problems = options.getByRole('heading', { name: /\d+ things? to fix/ });
    await problems.waitFor();
    // Each problem is one sentence naming the field; the technical path stays in a closed disclosure.
    await expect(options.getByText(/effective date is not a valid date/).first().isVisible()).resolves.toBe(true);
    await expect(options.getByText(/effectiveFrom: /).first().isVisible()).resolves.toBe(false);
    expect((await readRows<{ version: number }>(options, 'ruleSets')).map((r) => r.version)).toEqual([2]);
  });
});
