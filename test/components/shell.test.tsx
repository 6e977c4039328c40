// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { SidePanelApp } from '../../components/pages/side-panel/SidePanelApp';
import { OptionsApp } from '../../components/pages/options/OptionsApp';
import { writeSetting } from '../../lib/store/settings';
import { saveRecord } from '../../lib/store/records';
import { freshDatabase, intelDraft, REP } from '../fixtures/records';

const db = freshDatabase();
afterEach(async () => {
  cleanup();
  location.hash = '';
  await Promise.all(db.tables.map((t) => t.clear()));
});

function renderPanel(browserLanguage = 'zh-CN') {
  return render(
    <ExtensionRoot db={db} browserLanguage={browserLanguage}>
      <SidePanelApp onOpenOptions={() => undefined} />
    </ExtensionRoot>,
  );
}

describe('side panel shell', () => {
  it('shows the five sections and an empty state that says what to do next', async () => {
    renderPanel('zh-CN');
    const nav = await screen.findByRole('navigation', { name: '栏目' });
    expect([...nav.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['今日', '经销商', '竞品', '报告', '设置']);
    expect((await screen.findByTestId('empty-visits')).textContent).toContain('每拜访一个客户');
    // With no dealer yet, the empty Today leads to Dealers, and the navigation shows where the user is.
    await userEvent.click(screen.getByRole('button', { name: '前往经销商' }));
    expect((await screen.findByTestId('empty-dealers')).textContent).toContain('连接 HubSpot');
    expect(location.hash).toBe('#dealers');
    expect(screen.getByRole('button', { name: '经销商' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: '今日' }).getAttribute('aria-current')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '竞品' }));
    expect((await screen.findByTestId('empty-intel')).textContent).toContain('右键');
    await userEvent.click(screen.getByRole('button', { name: '报告' }));
    expect((await screen.findByTestId('report-period')).textContent).toMatch(/ · 本周 0 张客户卡/);
    expect(screen.getByRole('button', { name: '报告' }).getAttribute('aria-current')).toBe('page');
  });

  it('continues the weekly report from last week’s plan and counts this week’s key-account visits', async () => {
    const { saveRecord } = await import('../../lib/store/records');
    const { daysOfIsoWeek, isoWeekOf, today } = await import('../../lib/kernel/dates');
    const monday = daysOfIsoWeek(today())[0]!;
    const lastMonday = new Date(Date.parse(monday) - 7 * 86_400_000).toISOString().slice(0, 10);
    await saveRecord(
      db,
      'diaryEntries',
      { periodStart: lastMonday, isoWeek: isoWeekOf(lastMonday), status: 'submitted', content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: '拜访苏南汽配城，完成 30 箱订货', support: '' }], keyAccountVisits: [], gradeChanges: [] }, annotations: [] },
      { author: REP },
    );
    await writeSetting(db, 'profile', { ...REP, role: 'rep' });
    location.hash = '#reports';
    renderPanel('zh-CN');
    expect(await screen.findByDisplayValue('拜访苏南汽配城，完成 30 箱订货')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '月报' }));
    expect((await screen.findByTestId('report-period')).textContent).toMatch(/月 · 本月/);
  });

  it('opens at the section named in the URL and lists saved records', async () => {
    await saveRecord(db, 'intelItems', intelDraft({ competitorName: '嘉实多' }), { author: REP });
    location.hash = '#intel';
    renderPanel('en');
    expect(await screen.findByText(/嘉实多/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Intel' }).getAttribute('aria-current')).toBe('page');
  });

  it('adds a dealer by hand, and names the problem when the name is blank', async () => {
    location.hash = '#dealers';
    renderPanel('en');
    await userEvent.type(await screen.findByLabelText('Dealer name'), '  ');
    await userEvent.click(screen.getByRole('button', { name: 'Add dealer' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/name/);
    await userEvent.clear(screen.getByLabelText('Dealer name'));
    await userEvent.type(screen.getByLabelText('Dealer name'), '华东润滑油经销有限公司');
    await userEvent.click(screen.getByRole('button', { name: 'Add dealer' }));
    expect(await screen.findByText('华东润滑油经销有限公司')).toBeTruthy();
    expect(await db.dealers.count()).toBe(1);
  });

  it('follows a language change made elsewhere without a reload', async () => {
    renderPanel('zh-CN');
    await screen.findByRole('button', { name: '今日' });
    await writeSetting(db, 'language', 'en');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Today' })).toBeTruthy());
  });
});

describe('options page', () => {
  it('reaches every section, translated, and refuses a corrupt backup with its path', async () => {
    render(
      <ExtensionRoot db={db} browserLanguage="en">
        <OptionsApp appVersion="0.1.0" />
      </ExtensionRoot>,
    );
    // A loaded machine renders Options (every section) slowly: the default second is not enough.
    const nav = await screen.findByRole('navigation', { name: 'Settings sections' }, { timeout: 10_000 });
    expect([...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#connection', '#team', '#templates', '#deadlines', '#reminders', '#dictionary', '#rule-sets', '#dealer-data', '#backup', '#about']);
    // The Deadlines section says each rule in words.
    expect((await within(screen.getByRole('region', { name: 'Deadlines' })).findAllByText((_, element) => element?.tagName === 'LI' && /Friday.*; until Monday 09:00 with a reason/.test(element.textContent ?? ''), undefined, { timeout: 10_000 })).length).toBeGreaterThan(0);
    await saveRecord(db, 'intelItems', intelDraft(), { author: REP });
    const file = new File(['{"format":"fieldkit-backup","version":1,"exportedAt":"2026-11-23T00:00:00Z","appVersion":"1","tables":{"intelItems":[{"id":"x"}]}}'], 'bad.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Import backup file'), file);
    // One sentence saying what to do; the path of the problem stays available behind the details.
    const refusal = (await screen.findByRole('alert', undefined, { timeout: 10_000 })).textContent;
    expect(refusal).toMatch(/^Nothing was imported: intel item number 1 in the file is damaged\./);
    expect(refusal).toContain('$.tables.intelItems[0].id');
    expect(await db.intelItems.count()).toBe(1);
  });
});
