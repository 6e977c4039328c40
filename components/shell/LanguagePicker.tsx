import { useId } from 'react';
import { useDatabase, useSetting } from './database-context';
import { writeSetting } from '../../lib/store/settings';
import { LanguagePreference } from '../../lib/store/settings-schema';
import { useT } from './locale';
import { defineMessages } from '../../lib/kernel/i18n';
import { hintClass, labelClass, selectClass } from '../ui/controls';

export const languagePickerMessages = defineMessages({
  en: { language: 'Language', auto: 'Follow the browser', 'zh-CN': '中文（简体）', en: 'English' },
  'zh-CN': { language: '界面语言', auto: '跟随浏览器', 'zh-CN': '中文（简体）', en: 'English' },
});

/**
 * The UI language: label above, a full-width select, an optional hint. Language names are shown
 * in their own language so a user can always find theirs; the choice applies at once everywhere.
 */
export function LanguagePicker({ hint }: { hint?: string }) {
  const t = useT(languagePickerMessages);
  const db = useDatabase();
  const preference = useSetting('language');
  const id = useId();
  if (preference === undefined) return null;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {t('language')}
      </label>
      <select
        id={id}
        className={selectClass}
        value={preference}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => void writeSetting(db, 'language', LanguagePreference.parse(e.target.value))}
      >
        {LanguagePreference.options.map((option) => (
          <option key={option} value={option} lang={option === 'auto' ? undefined : option}>
            {t(option)}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
    </div>
  );
}
