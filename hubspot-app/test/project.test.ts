/**
 * Keeps the HubSpot project honest where HubSpot itself would only complain at upload time: the
 * documented 2026.03 layout, the card reading exactly the properties Fieldkit writes, and a card
 * folder that builds on its own (HubSpot builds it from src/ alone).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARD_PROPERTIES } from '../src/app/cards/DealerKpiCard.tsx';
import { KPI_PROPERTIES, KPI_PROPERTY_NAMES, snapshotFieldsOf } from '../src/app/cards/fieldkit-properties.ts';
import { SNAPSHOT_FIELD_NAMES } from '../src/app/cards/generated/fieldkit-snapshot.js';
import { uiLocale } from '../src/app/cards/locale.ts';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(appDir, 'src');
const cardsDir = path.join(srcDir, 'app/cards');
const json = (file: string) => JSON.parse(readFileSync(path.join(appDir, file), 'utf8'));

describe('the HubSpot project', () => {
  const project = json('hsproject.json');
  const app = json('src/app/app-hsmeta.json');
  const card = json('src/app/cards/dealer-kpi-card-hsmeta.json');

  it('is a 2026.03 developer project with its sources in src/', () => {
    expect(project).toEqual({ name: 'fieldkit', srcDir: 'src', platformVersion: '2026.03' });
  });

  it('has one private, static-token app that may only read companies', () => {
    expect(app).toMatchObject({ type: 'app', config: { distribution: 'private', auth: { type: 'static' } } });
    expect(app.uid).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(app.config.auth.requiredScopes).toEqual(['oauth', 'crm.objects.companies.read']);
  });

  it('has the company record card, whose entrypoint exists', () => {
    expect(card).toMatchObject({
      type: 'card',
      config: { name: 'Fieldkit 经销商 KPI', location: 'crm.record.tab', objectTypes: ['companies'], entrypoint: '/app/cards/DealerKpiCard.tsx' },
    });
    expect(card.uid).not.toBe(app.uid);
    expect(statSync(path.join(srcDir, card.config.entrypoint)).isFile()).toBe(true);
  });

  it('pins the card’s runtime dependencies to what the tests run against', () => {
    const cardsPackage = json('src/app/cards/package.json');
    const installed = (name: string) => json(`node_modules/${name}/package.json`).version;
    expect(cardsPackage.dependencies).toEqual({ '@hubspot/ui-extensions': installed('@hubspot/ui-extensions'), react: installed('react') });
  });
});

describe('the card folder builds on its own', () => {
  const sources = readdirSync(cardsDir).filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'));

  it.each(sources)('%s imports only packages and files inside the card folder', (file) => {
    const text = readFileSync(path.join(cardsDir, file), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
      const resolved = path.resolve(cardsDir, specifier);
      expect(path.relative(cardsDir, resolved).startsWith('..'), `${file} imports ${specifier}`).toBe(false);
    }
  });

  it('gets Fieldkit’s snapshot code as one generated file with no imports, without zod’s locales', () => {
    const bundle = readFileSync(path.join(cardsDir, 'generated/fieldkit-snapshot.js'), 'utf8');
    expect(bundle).toMatch(/^\/\/ GENERATED from lib\/dealers\/snapshot\.ts/);
    expect(bundle).not.toMatch(/^\s*import\s|\brequire\(/m);
    expect(bundle).not.toMatch(/zod\/v4\/locales\/(?!en\.js)/);
    expect(bundle.length).toBeLessThan(450 * 1024);
  });
});

describe('the KPI properties', () => {
  it('map every snapshot field to a fieldkit_kpi_ property, each defined once', () => {
    expect(Object.keys(KPI_PROPERTY_NAMES)).toEqual([...SNAPSHOT_FIELD_NAMES]);
    expect(KPI_PROPERTIES.map((p) => p.name)).toEqual(Object.values(KPI_PROPERTY_NAMES));
    expect(new Set(Object.values(KPI_PROPERTY_NAMES)).size).toBe(SNAPSHOT_FIELD_NAMES.length);
  });

  it('are exactly what the card reads', () => {
    expect(CARD_PROPERTIES).toEqual(Object.values(KPI_PROPERTY_NAMES));
  });

  it('are turned back into snapshot fields by name', () => {
    expect(snapshotFieldsOf({ fieldkit_kpi_score: '87.5', fieldkit_kpi_detail: '{}', name: 'ignored' })).toEqual({
      kpiScore: '87.5',
      kpiGrade: undefined,
      kpiPeriod: undefined,
      kpiRuleSet: undefined,
      kpiComputedAt: undefined,
      kpiPartial: undefined,
      kpiDetail: '{}',
    });
  });
});

describe('uiLocale', () => {
  it.each([
    [{ locale: 'zh-cn' }, 'zh-CN'],
    [{ locale: 'zh-CN' }, 'zh-CN'],
    [{ locale: 'zh_TW' }, 'zh-CN'],
    [{ language: 'zh' }, 'zh-CN'],
    [{ locale: 'en-us', language: 'zh' }, 'en'],
    [{ locale: 'de-de' }, 'en'],
    [{ locale: 'zhx' }, 'en'],
    [{}, 'en'],
    [undefined, 'en'],
  ] as const)('%j → %s', (user, locale) => {
    expect(uiLocale(user)).toBe(locale);
  });
});
