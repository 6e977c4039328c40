import { useId, useMemo, useState, type ReactNode } from 'react';
import { Download } from 'lucide-react';
import { translator } from '../../lib/kernel/i18n';
import { formatDay } from '../../lib/kernel/format';
import { diffRuleSets } from '../../lib/rules/diff';
import { evaluate } from '../../lib/rules/evaluate';
import { parseRuleSet, ruleSetShapeProblem } from '../../lib/rules/load';
import type { Problem } from '../../lib/rules/problems';
import { proposeRuleSet, type RuleSetLibrary } from '../../lib/rules/store';
import type { RuleSet } from '../../lib/rules/rule-set-schema';
import { LocaleProvider } from '../shell/locale';
import { Button, Checkbox, DatePicker, FileButton, Notice, cn, hintClass, labelClass, selectClass, textareaClass } from '../ui/index';
import { setAt } from './draft';
import { describeChanges, describeProblem } from './describe';
import { Disclosure } from './Disclosure';
import { NumberField } from './fields';
import { ItemTree, type ItemContext } from './ItemForm';
import { messages, type MessageKey } from './messages';
import { cleanHelp, isRecord, localized, namesOf, unitWord, withLabels, type Draft, type Reader } from './readable';
import { SamplePreview } from './SamplePreview';
import { shapeMessages } from './shape-messages';

export interface RuleSetEditorProps {
  /** Every stored version of every rule set; older versions stay for past scores and comparison. */
  ruleSets: RuleSet[];
  /** Active version per rule-set id; defaults to the highest stored version. */
  activeVersions?: Record<string, number>;
  /**
   * Called only with a rule set that passed validation; the host stores it and makes it active.
   * A rejection may carry `problems` (the store's own check), which are shown like the editor's.
   */
  onSave: (ruleSet: RuleSet) => Promise<void>;
  locale: 'en' | 'zh-CN';
}

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

function activeOf(library: RuleSetLibrary, id: string): RuleSet | undefined {
  const versions = library.versions[id] ?? [];
  return versions.find((r) => r.version === library.active[id]) ?? versions[versions.length - 1];
}

function draftFrom(library: RuleSetLibrary, id: string): Draft {
  const versions = library.versions[id] ?? [];
  const latest = Math.max(...versions.map((r) => r.version));
  return { ...structuredClone(activeOf(library, id)!), version: latest + 1 };
}

const sampleOf = (draft: Draft | undefined): Record<string, unknown> => {
  const samples = Array.isArray(draft?.samples) ? draft.samples : [];
  const first = samples[0];
  return isRecord(first) && isRecord(first.inputs) ? { ...first.inputs } : {};
};

const problemsOfError = (error: unknown): Problem[] | undefined => {
  const problems = (error as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : undefined;
};

/** A titled part of the editor. */
function Part({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3">
      <h3 id={id} className="m-0 text-lg font-semibold">
        {title}
      </h3>
      {intro && <p className={hintClass}>{intro}</p>}
      {children}
    </section>
  );
}

/** The technical text behind a message, one click away and closed by default. */
function Technical({ label, lines }: { label: string; lines: string[] }) {
  return (
    <details className="text-xs text-muted">
      <summary className="cursor-pointer">{label}</summary>
      <ul className="m-0 mt-1 flex list-none flex-col gap-0.5 p-0 font-mono break-all">
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

/** Problems (or warnings) as one sentence each; the technical paths only inside a disclosure. */
function ProblemList({ heading, sentences, technical, tone, t }: { heading: string; sentences: string[]; technical: string[]; tone: 'danger' | 'warn'; t: (key: MessageKey) => string }) {
  const id = useId();
  return (
    <div
      role={tone === 'danger' ? 'alert' : undefined}
      aria-labelledby={id}
      className={cn('flex min-w-0 flex-col gap-2 rounded-lg border p-3', tone === 'danger' ? 'border-danger bg-danger-soft' : 'border-transparent bg-warn-soft')}
    >
      <h3 id={id} className={cn('m-0 text-base font-semibold', tone === 'danger' ? 'text-danger' : 'text-warn')}>
        {heading}
      </h3>
      <ul className="m-0 flex list-disc flex-col gap-1 pl-5 text-sm text-ink">
        {sentences.map((text, index) => (
          <li key={index}>{text}</li>
        ))}
      </ul>
      <Technical label={t('technical')} lines={technical} />
    </div>
  );
}

/**
 * Options-page editor for rule sets, for a sales-ops admin: the settings and items by their labels
 * with units, formulas in words, a live sample score, a version comparison in sentences, and the
 * raw JSON behind an Advanced disclosure. Nothing reaches `onSave` without passing the same
 * validation the engine uses, so an invalid edit never replaces the active version.
 */
export function RuleSetEditor(props: RuleSetEditorProps) {
  return (
    <LocaleProvider locale={props.locale}>
      <Editor {...props} />
    </LocaleProvider>
  );
}

function Editor({ ruleSets, activeVersions, onSave, locale }: RuleSetEditorProps) {
  const t = useMemo(() => translator(messages, locale), [locale]);
  const tShape = useMemo(() => translator(shapeMessages, locale), [locale]);
  const library = useMemo(() => libraryOf(ruleSets, activeVersions), [ruleSets, activeVersions]);
  const ids = Object.keys(library.versions);
  const [selectedId, setSelectedId] = useState(ids[0] ?? '');
  const [draft, setDraft] = useState<Draft | undefined>(() => (ids[0] ? draftFrom(library, ids[0]) : undefined));
  const [sampleInputs, setSampleInputs] = useState<Record<string, unknown>>(() => sampleOf(draft));
  const [sampleEpoch, setSampleEpoch] = useState(0);
  /** Bumped when the draft is replaced as a whole (another rule set, an import, raw JSON): the form remounts. */
  const [formEpoch, setFormEpoch] = useState(0);
  const [rawText, setRawText] = useState<string | undefined>();
  const [rawError, setRawError] = useState<{ text: string; detail: string } | undefined>();
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [compareVersion, setCompareVersion] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const selectId = useId();
  const compareId = useId();
  const rawId = useId();
  const paramsId = useId();

  const reader: Reader = useMemo(() => ({ t, locale, names: namesOf(draft, locale) }), [t, locale, draft]);
  const loaded = useMemo(() => (draft ? parseRuleSet(draft) : undefined), [draft]);
  const proposal = useMemo(() => (draft && loaded?.ok ? proposeRuleSet(library, draft) : undefined), [draft, loaded, library]);
  const problems: Problem[] = loaded && !loaded.ok ? loaded.errors : proposal && !proposal.ok ? proposal.errors : saveProblems;
  const warnings: Problem[] = loaded?.ok ? loaded.warnings : [];
  const sampleResult = useMemo(() => (loaded?.ok ? evaluate(loaded.compiled, sampleInputs) : undefined), [loaded, sampleInputs]);

  const storedVersions = library.versions[selectedId] ?? [];
  const active = activeOf(library, selectedId);
  const comparedWith = storedVersions.find((r) => r.version === compareVersion) ?? active;
  const changes = useMemo(() => (draft && comparedWith ? diffRuleSets(comparedWith, draft as RuleSet).filter((c) => c.path !== 'version') : []), [draft, comparedWith]);
  const changeLines = useMemo(() => (draft && comparedWith ? describeChanges(changes, comparedWith as unknown as Draft, draft, reader) : []), [changes, draft, comparedWith, reader]);

  const replaceDraft = (next: Draft) => {
    setDraft(next);
    setRawText(undefined);
    setRawError(undefined);
    setStatus(undefined);
    setSaveProblems([]);
    setSaveError(undefined);
  };
  const edit = (path: (string | number)[], value: unknown) => replaceDraft(setAt(draft, path, value) as Draft);
  const resetSample = (from: Draft | undefined) => {
    setSampleInputs(sampleOf(from));
    setSampleEpoch((n) => n + 1);
  };

  const select = (id: string) => {
    setFormEpoch((n) => n + 1);
    setSelectedId(id);
    const next = draftFrom(library, id);
    replaceDraft(next);
    resetSample(next);
    setCompareVersion(undefined);
  };

  /**
   * The form walks the draft recursively: a file nested 1,000 deep or with `children: "x"` would
   * blank the page. Such a draft is refused before it replaces the form, and named.
   */
  const shapeError = (data: unknown): { text: string; detail: string } | undefined => {
    const problem = ruleSetShapeProblem(data);
    if (!problem) return undefined;
    const text =
      problem.kind === 'tooDeep'
        ? tShape('tooDeep', { limit: problem.limit, path: problem.path || 'root' })
        : problem.kind === 'notList'
          ? tShape('notList', { field: problem.field, path: problem.path })
          : tShape('notObject');
    return { text, detail: `${problem.kind} at ${problem.path || '(root)'}` };
  };

  const applyRaw = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawText ?? '');
    } catch (error) {
      setRawError({ text: t('jsonInvalid'), detail: (error as Error).message });
      return;
    }
    const refused = shapeError(parsed);
    if (refused) {
      setRawError(refused);
      return;
    }
    replaceDraft(parsed as Draft);
    setFormEpoch((n) => n + 1);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    try {
      const imported = JSON.parse(text) as Draft;
      const refused = shapeError(imported);
      if (refused) {
        setRawText(text);
        setRawError(refused);
        setAdvancedOpen(true);
        return;
      }
      if (typeof imported.id === 'string' && library.versions[imported.id]) setSelectedId(imported.id);
      replaceDraft(imported);
      setFormEpoch((n) => n + 1);
      resetSample(imported);
      setCompareVersion(undefined);
    } catch (error) {
      setRawText(text);
      setRawError({ text: t('fileInvalid'), detail: (error as Error).message });
      setAdvancedOpen(true);
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
    setSaveProblems([]);
    setSaveError(undefined);
    try {
      await onSave(proposal.ruleSet);
      setStatus(t('saved', { version: proposal.ruleSet.version }));
    } catch (error) {
      const stored = problemsOfError(error);
      if (stored?.length) setSaveProblems(stored);
      else setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const parameters = isRecord(draft?.parameters) ? Object.entries(draft.parameters).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1])) : [];
  const readings = Array.isArray(draft?.readings) ? draft.readings.filter(isRecord) : [];
  const readingFor = (name: string) => readings.find((reading) => reading.parameter === name);
  const scoreUnit = unitWord(typeof draft?.totalUnit === 'string' ? draft.totalUnit : 'point', t);
  const ctx: ItemContext = { reader, scoreUnit, onChange: edit, parameterHref: (name) => `#${paramsId}-${name}` };
  const nameOf = (ruleSet: RuleSet) => localized(ruleSet.name, locale) ?? ruleSet.id;
  const chosen = active ? t('ruleSetOption', { name: nameOf(active), version: active.version }) : '';
  const subject = typeof draft?.subject === 'string' && `subject_${draft.subject}` in messages.en ? t(`subject_${draft.subject}` as MessageKey) : undefined;
  const period = typeof draft?.period === 'string' && `period_${draft.period}` in messages.en ? t(`period_${draft.period}` as MessageKey) : undefined;
  const description = localized(draft?.description, locale);

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3">
        <div className="flex max-w-xl min-w-0 flex-col gap-1">
          <label htmlFor={selectId} className={labelClass}>
            {t('ruleSet')}
          </label>
          <select id={selectId} title={chosen} className={cn(selectClass, 'truncate')} value={selectedId} onChange={(event) => select(event.target.value)}>
            {ids.map((id) => {
              const ruleSet = activeOf(library, id)!;
              return (
                <option key={id} value={id}>
                  {t('ruleSetOption', { name: nameOf(ruleSet), version: ruleSet.version })}
                </option>
              );
            })}
          </select>
          {subject && period && active && <p className={hintClass}>{t('scope', { subject, period, day: formatDay(active.effectiveFrom, locale, 'date') })}</p>}
        </div>
        {draft && <p className="m-0 text-sm text-ink">{t('editing', { version: String(draft.version ?? '') })}</p>}
        {draft && (
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={`${selectId}-from`} className={labelClass}>
              {t('effectiveFrom')}
            </label>
            <DatePicker
              id={`${selectId}-from`}
              value={typeof draft.effectiveFrom === 'string' ? draft.effectiveFrom : ''}
              onValueChange={(day) => edit(['effectiveFrom'], day)}
              aria-describedby={`${selectId}-from-hint`}
            />
            <p id={`${selectId}-from-hint`} className={hintClass}>
              {t('effectiveFromHint')}
            </p>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" onClick={() => void save()} disabled={!proposal?.ok || saving} aria-busy={saving || undefined}>
            {saving ? t('saving') : t('save', { version: String(draft?.version ?? '') })}
          </Button>
          <Button onClick={exportDraft} disabled={!draft}>
            <Download aria-hidden="true" className="size-4" />
            {t('export')}
          </Button>
          <FileButton accept="application/json,.json" onFile={(file) => void importFile(file)}>
            {t('importFile')}
          </FileButton>
        </div>
        {status && (
          <Notice tone="ok" role="status">
            {status}
          </Notice>
        )}
        {saveError && (
          <div role="alert" className="flex flex-col gap-1">
            <Notice tone="danger">{t('saveFailed')}</Notice>
            <Technical label={t('technical')} lines={[saveError]} />
          </div>
        )}
      </div>

      {problems.length > 0 && (
        <ProblemList
          tone="danger"
          heading={t('problems', { count: problems.length })}
          sentences={problems.map((problem) => describeProblem(problem, draft, reader))}
          technical={problems.map((problem) => `${problem.path || '(root)'}: ${problem.message}`)}
          t={t}
        />
      )}
      {warnings.length > 0 && (
        <ProblemList
          tone="warn"
          heading={t('warnings')}
          sentences={warnings.map((warning) => describeProblem(warning, draft, reader))}
          technical={warnings.map((warning) => `${warning.path || '(root)'}: ${warning.message}`)}
          t={t}
        />
      )}

      {draft && (
        <>
          <Part title={t('parameters')} intro={parameters.length > 0 ? t('parametersIntro') : undefined}>
            {parameters.length === 0 && <p className="m-0 text-sm text-muted">{t('none')}</p>}
            {parameters.length > 0 && (
              <div className="grid grid-cols-[repeat(auto-fill,minmax(240px,1fr))] gap-4">
                {parameters.map(([name, parameter]) => {
                  const label = localized(parameter.label, locale) ?? name;
                  const reading = readingFor(name);
                  const help = localized(parameter.description, locale) ?? (reading ? localized(reading.text, locale) : undefined);
                  const hint = help ? cleanHelp(help, reader) : undefined;
                  const unit = typeof parameter.unit === 'string' ? parameter.unit : undefined;
                  return (
                    <div key={name} id={`${paramsId}-${name}`} className="flex min-w-0 scroll-mt-16 flex-col gap-1">
                      {typeof parameter.value === 'boolean' ? (
                        <>
                          <Checkbox label={<span className="font-semibold">{label}</span>} checked={parameter.value} onChange={(event) => edit(['parameters', name, 'value'], event.target.checked)} />
                          {hint && <p className={hintClass}>{hint}</p>}
                        </>
                      ) : (
                        <NumberField
                          label={label}
                          value={parameter.value}
                          unit={unit === 'percent' ? '%' : unitWord(unit, t) || undefined}
                          percent={unit === 'percent'}
                          hint={hint}
                          onChange={(value) => edit(['parameters', name, 'value'], value)}
                        />
                      )}
                    </div>
                  );
                })}
              </div>
            )}
          </Part>

          <Part title={t('items')} intro={t('itemsIntro')}>
            <ItemTree key={formEpoch} root={draft.root} ctx={ctx} />
          </Part>

          <SamplePreview
            epoch={`${selectedId}-${sampleEpoch}`}
            definitions={draft.inputs}
            inputs={sampleInputs}
            onInputsChange={setSampleInputs}
            onReset={() => resetSample(draft)}
            result={sampleResult}
            reader={reader}
          />

          <Part title={t('compare')}>
            {storedVersions.length === 0 ? (
              <p className="m-0 text-sm text-muted">{t('noEarlierVersion')}</p>
            ) : (
              <>
                <div className="flex max-w-xs min-w-0 flex-col gap-1">
                  <label htmlFor={compareId} className={labelClass}>
                    {t('compareWith')}
                  </label>
                  <select id={compareId} className={selectClass} value={comparedWith?.version} onChange={(event) => setCompareVersion(Number(event.target.value))}>
                    {storedVersions.map((r) => (
                      <option key={r.version} value={r.version}>
                        {r.version === library.active[selectedId] ? t('versionActive', { version: r.version }) : t('version', { version: r.version })}
                      </option>
                    ))}
                  </select>
                </div>
                {comparedWith && (
                  <div data-testid="diff" className="flex min-w-0 flex-col gap-2">
                    {changeLines.length === 0 ? (
                      <p className="m-0 text-sm text-muted">{t('noChanges', { version: comparedWith.version })}</p>
                    ) : (
                      <>
                        <p className="m-0 text-sm">{t('changesFrom', { count: changeLines.length, version: comparedWith.version })}</p>
                        <ul className="m-0 flex list-disc flex-col gap-1 pl-5 text-sm">
                          {changeLines.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                        <Technical
                          label={t('technical')}
                          lines={changes.map((change) => `${change.path}: ${JSON.stringify(change.before) ?? '—'} → ${JSON.stringify(change.after) ?? '—'}`)}
                        />
                      </>
                    )}
                  </div>
                )}
              </>
            )}
          </Part>

          {(description || readings.length > 0) && (
            <Disclosure summary={t('source')}>
              <p className={hintClass}>{t('sourceIntro')}</p>
              {description && <p className="m-0 text-sm">{withLabels(description, reader)}</p>}
              {readings.length > 0 && (
                <div className="flex flex-col gap-1 text-sm">
                  <p className={cn(labelClass, 'm-0')}>{t('readings')}</p>
                  <ul className="m-0 flex list-disc flex-col gap-1 pl-5">
                    {readings.map((reading, index) => (
                      <li key={typeof reading.id === 'string' ? reading.id : index}>{withLabels(localized(reading.text, locale) ?? '', reader)}</li>
                    ))}
                  </ul>
                </div>
              )}
            </Disclosure>
          )}
        </>
      )}

      <Disclosure summary={t('advanced')} open={advancedOpen} onToggle={setAdvancedOpen}>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={rawId} className={labelClass}>
            {t('rawJson')}
          </label>
          <p className={hintClass}>{t('advancedHint')}</p>
        </div>
        <textarea
          id={rawId}
          rows={24}
          spellCheck={false}
          className={cn(textareaClass, 'min-h-80 font-mono text-xs leading-5 whitespace-pre')}
          value={rawText ?? JSON.stringify(draft ?? {}, null, 2)}
          onChange={(event) => setRawText(event.target.value)}
        />
        <div>
          <Button onClick={applyRaw} disabled={rawText === undefined}>
            {t('applyJson')}
          </Button>
        </div>
        {rawError && (
          <div role="alert" className="flex flex-col gap-1">
            <Notice tone="danger">{rawError.text}</Notice>
            <Technical label={t('technical')} lines={[rawError.detail]} />
          </div>
        )}
      </Disclosure>
    </div>
  );
}
