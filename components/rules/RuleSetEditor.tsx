import { useId, useMemo, useState } from 'react';
import { translator } from '../../lib/kernel/i18n';
import { diffRuleSets, type RuleSetChange } from '../../lib/rules/diff';
import { evaluate } from '../../lib/rules/evaluate';
import { parseRuleSet } from '../../lib/rules/load';
import type { Problem } from '../../lib/rules/problems';
import { proposeRuleSet, type RuleSetLibrary } from '../../lib/rules/store';
import type { RuleSet } from '../../lib/rules/rule-set-schema';
import { setAt } from './draft';
import { NumberField } from './fields';
import { ItemForm } from './ItemForm';
import { messages } from './messages';
import { SamplePreview } from './SamplePreview';

export interface RuleSetEditorProps {
  /** Every stored version of every rule set; older versions stay for past scores and comparison. */
  ruleSets: RuleSet[];
  /** Active version per rule-set id; defaults to the highest stored version. */
  activeVersions?: Record<string, number>;
  /** Called only with a rule set that passed validation; the host stores it and makes it active. */
  onSave: (ruleSet: RuleSet) => Promise<void>;
  locale: 'en' | 'zh-CN';
}

type Draft = Record<string, unknown>;

function libraryOf(ruleSets: RuleSet[], activeVersions: Record<string, number> | undefined): RuleSetLibrary {
  const versions: Record<string, RuleSet[]> = {};
  for (const ruleSet of ruleSets) (versions[ruleSet.id] ??= []).push(ruleSet);
  const active: Record<string, number> = {};
  for (const [id, list] of Object.entries(versions)) {
    list.sort((a, b) => a.version - b.version);
    active[id] = activeVersions?.[id] ?? list[list.length - 1]!.version;
  }
  return { versions, active };
}

function draftFrom(library: RuleSetLibrary, id: string): Draft {
  const versions = library.versions[id] ?? [];
  const active = versions.find((r) => r.version === library.active[id]) ?? versions[versions.length - 1]!;
  const latest = Math.max(...versions.map((r) => r.version));
  return { ...structuredClone(active), version: latest + 1 };
}

const sampleTextOf = (draft: Draft) => JSON.stringify((draft.samples as { inputs: unknown }[] | undefined)?.[0]?.inputs ?? {}, null, 2);

/**
 * Options-page editor for rule sets: a form per item with a live sample score, raw JSON, import,
 * export and comparison with an earlier version. Nothing reaches `onSave` without passing the same
 * validation the engine uses, so an invalid edit never replaces the active version.
 */
export function RuleSetEditor({ ruleSets, activeVersions, onSave, locale }: RuleSetEditorProps) {
  const t = useMemo(() => translator(messages, locale), [locale]);
  const library = useMemo(() => libraryOf(ruleSets, activeVersions), [ruleSets, activeVersions]);
  const ids = Object.keys(library.versions);
  const [selectedId, setSelectedId] = useState(ids[0] ?? '');
  const [draft, setDraft] = useState<Draft | undefined>(() => (ids[0] ? draftFrom(library, ids[0]) : undefined));
  const [sampleText, setSampleText] = useState(() => (draft ? sampleTextOf(draft) : '{}'));
  const [rawText, setRawText] = useState<string | undefined>();
  const [rawError, setRawError] = useState<string | undefined>();
  const [compareVersion, setCompareVersion] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const selectId = useId();
  const compareId = useId();
  const rawId = useId();
  const importId = useId();

  const loaded = useMemo(() => (draft ? parseRuleSet(draft) : undefined), [draft]);
  const proposal = useMemo(() => (draft && loaded?.ok ? proposeRuleSet(library, draft) : undefined), [draft, loaded, library]);
  const problems: Problem[] = loaded && !loaded.ok ? loaded.errors : proposal && !proposal.ok ? proposal.errors : [];
  const warnings: Problem[] = loaded?.ok ? loaded.warnings : [];

  const sample = useMemo(() => {
    try {
      return { inputs: JSON.parse(sampleText) as Record<string, unknown>, error: false };
    } catch {
      return { inputs: undefined, error: true };
    }
  }, [sampleText]);
  const sampleResult = loaded?.ok && sample.inputs ? evaluate(loaded.compiled, sample.inputs) : undefined;

  const storedVersions = library.versions[selectedId] ?? [];
  const comparedWith = storedVersions.find((r) => r.version === compareVersion) ?? storedVersions[storedVersions.length - 1];
  const changes: RuleSetChange[] = draft && comparedWith ? diffRuleSets(comparedWith, draft as RuleSet) : [];

  const replaceDraft = (next: Draft) => {
    setDraft(next);
    setRawText(undefined);
    setRawError(undefined);
    setStatus(undefined);
  };
  const edit = (path: (string | number)[], value: unknown) => replaceDraft(setAt(draft, path, value) as Draft);

  const select = (id: string) => {
    setSelectedId(id);
    const next = draftFrom(library, id);
    replaceDraft(next);
    setSampleText(sampleTextOf(next));
    setCompareVersion(undefined);
  };

  const applyRaw = () => {
    try {
      replaceDraft(JSON.parse(rawText ?? '') as Draft);
    } catch (error) {
      setRawError(t('jsonInvalid', { reason: (error as Error).message }));
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    try {
      const imported = JSON.parse(text) as Draft;
      if (typeof imported.id === 'string') setSelectedId(imported.id);
      replaceDraft(imported);
      setSampleText(sampleTextOf(imported));
    } catch (error) {
      setRawText(text);
      setRawError(t('jsonInvalid', { reason: (error as Error).message }));
    }
  };

  const exportDraft = () => {
    if (!draft || typeof URL.createObjectURL !== 'function') return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${String(draft.id)}-v${String(draft.version)}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const save = async () => {
    if (!proposal?.ok) return;
    setSaving(true);
    try {
      await onSave(proposal.ruleSet);
      setStatus(t('saved', { version: proposal.ruleSet.version }));
    } catch (error) {
      setStatus(t('saveFailed', { reason: (error as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  const parameters = (draft?.parameters ?? {}) as Record<string, { value: unknown; label?: { en: string; 'zh-CN': string } }>;
  const readings = (draft?.readings ?? []) as { id: string; text: { en: string; 'zh-CN': string } }[];

  return (
    <section className="rule-set-editor" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <div className="rse-toolbar">
        <label htmlFor={selectId}>{t('ruleSet')}</label>
        <select id={selectId} value={selectedId} onChange={(event) => select(event.target.value)}>
          {ids.map((id) => {
            const active = library.versions[id]!.find((r) => r.version === library.active[id]);
            return (
              <option key={id} value={id}>
                {active?.name[locale] ?? id} · {t('version', { version: library.active[id]! })} ({t('active')})
              </option>
            );
          })}
        </select>
        <label htmlFor={importId}>{t('importFile')}</label>
        <input id={importId} type="file" accept="application/json,.json" onChange={(event) => void importFile(event.target.files?.[0])} />
        <button type="button" onClick={exportDraft} disabled={!draft}>
          {t('export')}
        </button>
        <button type="button" onClick={() => void save()} disabled={!proposal?.ok || saving}>
          {saving ? t('saving') : t('save', { version: String(draft?.version ?? '') })}
        </button>
      </div>
      {status && <p role="status">{status}</p>}

      {problems.length > 0 && (
        <div role="alert" className="rse-problems">
          <h3>{t('problems', { count: problems.length })}</h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.path || '(root)'}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="rse-warnings">
          <h3>{t('warnings')}</h3>
          <ul>
            {warnings.map((warning, index) => (
              <li key={index}>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}

      {draft && (
        <>
          <section aria-label={t('parameters')}>
            <h3>{t('parameters')}</h3>
            {Object.keys(parameters).length === 0 && <p>{t('none')}</p>}
            {Object.entries(parameters).map(([name, parameter]) =>
              typeof parameter.value === 'boolean' ? (
                <span key={name} className="rse-field">
                  <input id={`${rawId}-${name}`} type="checkbox" checked={parameter.value} onChange={(event) => edit(['parameters', name, 'value'], event.target.checked)} />
                  <label htmlFor={`${rawId}-${name}`}>{parameter.label?.[locale] ?? name}</label>
                </span>
              ) : (
                <NumberField key={name} label={parameter.label?.[locale] ?? name} value={parameter.value} onChange={(value) => edit(['parameters', name, 'value'], value)} />
              ),
            )}
          </section>

          <section aria-label={t('items')}>
            <h3>{t('items')}</h3>
            {draft.root !== undefined && <ItemForm item={draft.root as Draft} path={['root']} locale={locale} t={t} onChange={edit} />}
          </section>

          <SamplePreview sampleText={sampleText} onSampleTextChange={setSampleText} result={sampleResult} sampleError={sample.error} locale={locale} t={t} />

          {readings.length > 0 && (
            <section aria-label={t('readings')}>
              <h3>{t('readings')}</h3>
              <ul>
                {readings.map((reading) => (
                  <li key={reading.id}>{reading.text[locale]}</li>
                ))}
              </ul>
            </section>
          )}

          <section className="rse-compare">
            <label htmlFor={compareId}>{t('compareWith')}</label>
            {storedVersions.length === 0 ? (
              <p>{t('noEarlierVersion')}</p>
            ) : (
              <select id={compareId} value={comparedWith?.version} onChange={(event) => setCompareVersion(Number(event.target.value))}>
                {storedVersions.map((r) => (
                  <option key={r.version} value={r.version}>
                    {t('version', { version: r.version })}
                  </option>
                ))}
              </select>
            )}
            {comparedWith && (
              <ul data-testid="diff">
                {changes.length === 0 && <li>{t('noChanges')}</li>}
                {changes.map((change) => (
                  <li key={change.path}>
                    <code>{change.path}</code> {t(change.change === 'added' ? 'changeAdded' : change.change === 'removed' ? 'changeRemoved' : 'changeChanged')}
                    {change.change === 'changed' && `: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="rse-raw">
            <label htmlFor={rawId}>{t('rawJson')}</label>
            <textarea id={rawId} rows={16} value={rawText ?? JSON.stringify(draft, null, 2)} onChange={(event) => setRawText(event.target.value)} />
            <button type="button" onClick={applyRaw} disabled={rawText === undefined}>
              {t('applyJson')}
            </button>
            {rawError && <p role="alert">{rawError}</p>}
          </section>
        </>
      )}
    </section>
  );
}
