import { expect, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { LocaleProvider } from '../../components/shell/locale';
import type { Locale } from '../../lib/kernel/i18n';

/** Renders `ui` as the side panel would in `locale`. */
export function inLocale(locale: Locale, ui: ReactNode) {
  return render(<LocaleProvider locale={locale}>{ui}</LocaleProvider>);
}

/** The text of every announced error (role="alert") on screen, in document order. */
export function alertTexts() {
  return screen.getAllByRole('alert').map((alert) => alert.textContent);
}

/** The current value of the input, select or textarea labelled `label`. */
export function valueOf(label: string) {
  return (screen.getByLabelText(label) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}

/** Types into each labelled field, in the order given. */
export async function fillIn(user: UserEvent, fields: Record<string, string>) {
  for (const [label, text] of Object.entries(fields)) await user.type(screen.getByLabelText(label), text);
}

/** An onSave that stays pending until the test rejects it, to see the form while it saves. */
export function pendingSave<Args extends unknown[]>() {
  let rejectSave: ((error: Error) => void) | undefined;
  const onSave = vi.fn(
    (..._args: Args) =>
      new Promise<void>((_, reject) => {
        rejectSave = reject;
      }),
  );
  return {
    onSave,
    reject(error: Error) {
      if (!rejectSave) throw new Error('onSave was not called');
      rejectSave(error);
    },
  };
}

/**
 * Clicks the save button, checks it is disabled while the save is pending, fails the save with
 * `error` and waits for `shown` (the save-failed message); the button is enabled again after.
 */
export async function saveAndFail(user: UserEvent, saveButton: string, save: { reject(error: Error): void }, error: string, shown: string) {
  const button = screen.getByRole('button', { name: saveButton }) as HTMLButtonElement;
  await user.click(button);
  expect(button.disabled).toBe(true);
  save.reject(new Error(error));
  await screen.findByText(shown);
  expect(button.disabled).toBe(false);
}
