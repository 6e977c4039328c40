import { describe, expect, it } from 'vitest';
import { defineMessages, messageArguments, resolveLocale, translator } from '../../lib/kernel/i18n';
import { DEFAULT_PROFILE_NAME, DEFAULT_SETTINGS, isDefaultProfileName, profileNameFor } from '../../lib/store/settings';
import { sidePanelMessages } from '../../components/pages/side-panel/messages';
import { diaryEditorMessages, reportsMessages } from '../../components/reports/messages';
import { visitCardMessages } from '../../components/visits/messages';
import { syncStatusMessages } from '../../components/sync/messages';
import { backupMessages } from '../../components/backup/messages';
import { optionsMessages } from '../../components/pages/options/messages';

const bundle = defineMessages({
  en: { hello: 'Hello {name}', count: '{n} records' },
  'zh-CN': { hello: '你好，{name}', count: '{n} 条记录' },
});

describe('i18n', () => {
  it('translates with variables and locale-aware numbers', () => {
    expect(translator(bundle, 'zh-CN')('hello', { name: '张伟' })).toBe('你好，张伟');
    expect(translator(bundle, 'en')('count', { n: 12000 })).toBe('12,000 records');
  });

  it('follows the browser unless the user chose a language', () => {
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-GB')).toBe('en');
    expect(resolveLocale('auto', 'fr')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh')).toBe('zh-CN');
  });

  it('every message bundle has the same non-empty keys in both languages', () => {
    const modules = import.meta.glob<{ [name: string]: unknown }>(['../../lib/**/messages.ts', '../../components/**/messages.ts', '../../entrypoints/**/messages.ts'], { eager: true });
    expect(Object.keys(modules).length).toBeGreaterThan(0);
    for (const [file, module] of Object.entries(modules)) {
      for (const value of Object.values(module)) {
        const b = value as { en?: Record<string, string>; 'zh-CN'?: Record<string, string> };
        if (!b || typeof b !== 'object' || !b.en || !b['zh-CN']) continue;
        expect(Object.keys(b['zh-CN']).sort(), file).toEqual(Object.keys(b.en).sort());
        for (const [key, text] of [...Object.entries(b.en), ...Object.entries(b['zh-CN'])]) expect(text.trim(), `${file} ${key}`).not.toBe('');
      }
    }
  });
});

const plurals = defineMessages({
  en: {
    cards: '{count, plural, one {# visit card} other {# visit cards}} today',
    mixed: '{label}: {count, plural, =0 {nothing yet} one {# record} other {# records}} of {total}',
    gender: '{who, select, rep {the rep} other {someone}} wrote {n}',
    quoted: "Today's visits ({n})",
  },
  'zh-CN': {
    cards: '今天已记录 {count} 张客户卡',
    mixed: '{label}：{count, plural, =0 {还没有} other {# 条}}，共 {total} 条',
    gender: '{who, select, rep {业务员} other {有人}}写了 {n} 条',
    quoted: '今日拜访（{n} 家）',
  },
});

describe('ICU messages', () => {
  const en = translator(plurals, 'en');
  const zh = translator(plurals, 'zh-CN');

  it('picks the English plural form for 0, 1 and 2, with # formatted in the UI language', () => {
    expect(en('cards', { count: 0 })).toBe('0 visit cards today');
    expect(en('cards', { count: 1 })).toBe('1 visit card today');
    expect(en('cards', { count: 2 })).toBe('2 visit cards today');
    expect(en('cards', { count: 12000 })).toBe('12,000 visit cards today');
  });

  it('reads naturally in Chinese, which has no plural', () => {
    expect(zh('cards', { count: 0 })).toBe('今天已记录 0 张客户卡');
    expect(zh('cards', { count: 1 })).toBe('今天已记录 1 张客户卡');
    expect(zh('cards', { count: 2 })).toBe('今天已记录 2 张客户卡');
  });

  it('mixes plain arguments (numbers grouped), exact matches and select', () => {
    expect(en('mixed', { label: 'Sync', count: 0, total: 1500 })).toBe('Sync: nothing yet of 1,500');
    expect(en('mixed', { label: 'Sync', count: 1, total: 2 })).toBe('Sync: 1 record of 2');
    expect(zh('mixed', { label: '同步', count: 3, total: 1500 })).toBe('同步：3 条，共 1,500 条');
    expect(en('gender', { who: 'rep', n: 2 })).toBe('the rep wrote 2');
    expect(zh('gender', { who: 'manager', n: 2 })).toBe('有人写了 2 条');
  });

  it('leaves apostrophes in ordinary text alone', () => {
    expect(en('quoted', { n: 3 })).toBe("Today's visits (3)");
    expect(en('quoted')).toBe("Today's visits ({n})");
  });

  it('falls back to simple substitution when a value is missing, as before', () => {
    expect(translator(bundle, 'en')('hello')).toBe('Hello {name}');
    expect(translator(bundle, 'en')('hello', { other: 'x' })).toBe('Hello {name}');
  });

  it('lists the argument names of a message, plural or plain', () => {
    expect(messageArguments(plurals.en.mixed)).toEqual(['count', 'label', 'total']);
    expect(messageArguments(plurals['zh-CN'].mixed)).toEqual(['count', 'label', 'total']);
    expect(messageArguments('no arguments')).toEqual([]);
    expect(() => messageArguments('{count, plural, one {#}')).toThrow();
  });
});

describe('Fieldkit messages that take a count', () => {
  const cases = [
    { bundle: sidePanelMessages, key: 'visitsToday', vars: { count: 1 }, en: '1 visit card today, attached to your daily report below.', zh: '今天已记录 1 张客户卡，已附在下方日报中。' },
    { bundle: sidePanelMessages, key: 'visitsToday', vars: { count: 2 }, en: '2 visit cards today, attached to your daily report below.', zh: '今天已记录 2 张客户卡，已附在下方日报中。' },
    { bundle: sidePanelMessages, key: 'periodWeek', vars: { week: 'W', visits: 1 }, en: 'W · 1 visit card this week, prefilled below', zh: 'W · 本周 1 张客户卡，已预填到下方' },
    { bundle: reportsMessages, key: 'periodMonthEarlier', vars: { month: 'M', visits: 0 }, en: 'M · 0 visit cards that month', zh: 'M · 当月 0 张客户卡' },
    { bundle: diaryEditorMessages, key: 'keyAccountCount', vars: { count: 1, min: 1 }, en: '1 key-account visit this week; at least 1 expected.', zh: '本周大客户走访 1 次，要求至少 1 次。' },
    { bundle: diaryEditorMessages, key: 'keyAccountBelow', vars: { count: 0, min: 2, missing: 2 }, en: '0 key-account visits this week; at least 2 expected. 2 more would meet the minimum.', zh: '本周大客户走访 0 次，要求至少 2 次，还差 2 次。' },
    { bundle: visitCardMessages, key: 'notCarried', vars: { n: 1 }, en: '1 required SKU not carried yet', zh: '还有 1 个品种未铺货' },
    { bundle: visitCardMessages, key: 'actionsDoneLabel', vars: { done: 1, total: 4 }, en: '1 of 4 mandatory actions done', zh: '已完成 1/4 项必做动作' },
    { bundle: syncStatusMessages, key: 'needsAttention', vars: { count: 1 }, en: '1 needs attention', zh: '1 条需处理' },
    { bundle: syncStatusMessages, key: 'needsAttention', vars: { count: 3 }, en: '3 need attention', zh: '3 条需处理' },
    { bundle: backupMessages, key: 'conflicts', vars: { count: 1 }, en: '1 record differed; the newer version was kept:', zh: '有 1 条记录两边不同，已保留较新的版本：' },
    { bundle: optionsMessages, key: 'minVisits', vars: { count: 1 }, en: 'At least 1 key-account visit a week', zh: '每周至少 1 次大客户走访' },
  ] as const;

  it.each(cases)('$key with $vars', ({ bundle, key, vars, en, zh }) => {
    const tr = (locale: 'en' | 'zh-CN') => translator(bundle as never, locale) as (key: string, vars: Record<string, string | number>) => string;
    expect(tr('en')(key, vars)).toBe(en);
    expect(tr('zh-CN')(key, vars)).toBe(zh);
  });
});

describe('the default profile name', () => {
  it('is stored language-neutral and shown as 我 / Me', () => {
    expect(DEFAULT_SETTINGS.profile.name).toBe(DEFAULT_PROFILE_NAME);
    expect(profileNameFor(DEFAULT_PROFILE_NAME, 'zh-CN')).toBe('我');
    expect(profileNameFor(DEFAULT_PROFILE_NAME, 'en')).toBe('Me');
  });

  it("reads the earlier default 'Me' as the default too, and leaves real names alone", () => {
    expect(isDefaultProfileName('Me')).toBe(true);
    expect(profileNameFor('Me', 'zh-CN')).toBe('我');
    expect(profileNameFor('张伟', 'en')).toBe('张伟');
    expect(profileNameFor('Wei Zhang', 'zh-CN')).toBe('Wei Zhang');
  });
});

describe('validation messages', () => {
  it('follow the UI language and keep zod in jitless mode', async () => {
    const { z, setValidationLanguage } = await import('../../lib/kernel/zod');
    try {
      setValidationLanguage('zh-CN');
      expect(z.number().min(0).safeParse(-1).error!.issues[0]!.message).toMatch(/数值过小/);
      setValidationLanguage('en');
      expect(z.number().min(0).safeParse(-1).error!.issues[0]!.message).toMatch(/Too small/);
      expect(z.config().jitless).toBe(true);
    } finally {
      setValidationLanguage('en');
    }
  });
});
