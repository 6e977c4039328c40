import { useId } from 'react';
import { useDatabase, useSetting } from './database-context';
import { writeSetting } from '../../lib/store/settings';
import { LanguagePreference } from '../../lib/store/settings-schema';
import { useT } from './locale';
import { defineMessages } from '../../lib/kernel/i18n';

export const languagePickerMessages = defineMessages({
  en: { language: 'Language', auto: 'Follow the browser', 'zh-CN': '中文（简体）', en: 'English' },
  'zh-CN': { language: '界面语言', auto: '跟随浏览器', 'zh-CN': '中文（简体）', en: 'English' },
});

/** Language names are shown in their own language so a user can always find theirs. */
export function LanguagePicker() {
  const t = useT(languagePickerMessages);
  const db = useDatabase();
  const preference = useSetting('language');
  const id = useId();
  if (preference === undefined) return null;
  return (
    <div className="fk-row">
      <label htmlFor={id}>{t('language')}</label>
      <select id={id} value={preference} onChange={(e) => void writeSetting(db, 'language', LanguagePreference.parse(e.target.value))}>
        {LanguagePreference.options.map((option) => (
          <option key={option} value={option}>
            {t(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
