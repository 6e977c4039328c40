import { useEffect, useRef, useState } from 'react';
import { useDeadlineOverrides } from './use-deadline-rules';
import { useLiveQuery } from 'dexie-react-hooks';
import { Clock } from 'lucide-react';
import { useDatabase, useSetting } from '../shell/database-context';
import { useLocale, useT } from '../shell/locale';
import { Badge, Button, Card, Notice, cn, hintClass } from '../ui';
import { Disclosure } from '../rules/Disclosure';
import { formatDay } from '../../lib/kernel/format';
import { profileNameFor } from '../../lib/store/settings';
import { unitLabel } from '../../lib/kernel/units';
import type { Template, TemplateKind } from '../../lib/reports/schema';
import { KIND_NAMES, deadlineSubjectsShownFor, sectionsOf } from '../../lib/reports/templates';
import { copyBuiltIn, draftFrom, saveTemplateVersion, setActive, templateLibrary, type KindTemplates } from '../../lib/reports/template-store';
import { deadlineRulesFrom, type DeadlineRule, type DeadlineSubject } from '../../lib/reports/deadline-rules';
import { reminderText } from '../../lib/reports/template-render';
import { describeDeadline, subjectName } from './deadline-messages';
import { TemplateEditor } from './TemplateEditor';
import { templateListMessages, type TemplateListMessageKey } from './template-messages';

/** Where Options › Deadlines is: every deadline rule is edited there. */
const DEADLINES_HREF = '#deadlines';

interface Editing {
  draft: Template;
  nextVersion: number;
  kind: TemplateKind;
}

/**
 * Options › Templates: for each report, the template in use (built-in or an admin's copy), what it
 * asks for and when it is due, and every saved version. An admin copies a built-in and edits it,
 * edits a copy (saved as its next version), or switches back to any version or the built-in;
 * everyone else reads. Entries keep the version they were written with, whatever happens here.
 */
export function TemplatesSection({ canEdit = false }: { canEdit?: boolean }) {
  const t = useT(templateListMessages);
  const locale = useLocale();
  const db = useDatabase();
  const profile = useSetting('profile');
  const overrides = useDeadlineOverrides();
  const library = useLiveQuery(() => templateLibrary(db), [db]);
  const [editing, setEditing] = useState<Editing>();
  const [status, setStatus] = useState<{ tone: 'ok' | 'danger'; text: string }>();
  const returnTo = useRef<TemplateKind | undefined>(undefined);
  const rules = deadlineRulesFrom(overrides ?? {}).rules;
  const author = { id: profile?.id ?? 'local-user', name: profile?.name ?? 'local-user' };

  // Back from the editor, focus returns to the report's card.
  useEffect(() => {
    if (editing || !returnTo.current) return;
    document.getElementById(`template-${returnTo.current}`)?.focus();
    returnTo.current = undefined;
  }, [editing]);

  if (!library) return null;

  if (editing) {
    return (
      <TemplateEditor
        template={editing.draft}
        nextVersion={editing.nextVersion}
        deadlineRules={rules}
        deadlinesHref={DEADLINES_HREF}
        onCancel={() => {
          returnTo.current = editing.kind;
          setEditing(undefined);
        }}
        onSave={async (template) => {
          const result = await saveTemplateVersion(db, template, author);
          if (result.ok) {
            returnTo.current = editing.kind;
            setStatus({ tone: 'ok', text: t('saved', { name: result.template.name[locale], version: result.template.version }) });
            setEditing(undefined);
          }
          return result;
        }}
      />
    );
  }

  const startEditing = (kind: KindTemplates, from: Template) => {
    setStatus(undefined);
    const draft = draftFrom(from);
    const family = kind.copies.find((c) => c.familyId === draft.familyId);
    setEditing({ draft, kind: kind.kind, nextVersion: family ? Math.max(...family.versions.map((v) => v.version)) + 1 : 1 });
  };
  const switchTo = async (template: Template) => {
    try {
      await setActive(db, template, author);
      setStatus({ tone: 'ok', text: t('switched', { name: template.name[locale] }) });
    } catch {
      setStatus({ tone: 'danger', text: t('switchFailed') });
    }
  };

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <p className="m-0 text-sm text-muted">{t('intro')}</p>
      {!canEdit && <p className={hintClass}>{t('readOnlyHint')}</p>}
      {status && (
        <Notice tone={status.tone} role={status.tone === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </Notice>
      )}
      <ul className="m-0 grid list-none grid-cols-[repeat(auto-fill,minmax(17rem,1fr))] gap-3 p-0">
        {library.map((kind) => (
          <li key={kind.kind} className="flex min-w-0">
            <KindCard
              kind={kind}
              rules={rules}
              canEdit={canEdit}
              onCopy={() => startEditing(kind, copyBuiltIn(kind.kind))}
              onEdit={() => startEditing(kind, kind.active)}
              onUse={(template) => void switchTo(template)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

function KindCard({
  kind,
  rules,
  canEdit,
  onCopy,
  onEdit,
  onUse,
}: {
  kind: KindTemplates;
  rules: Record<DeadlineSubject, DeadlineRule>;
  canEdit: boolean;
  onCopy: () => void;
  onEdit: () => void;
  onUse: (template: Template) => void;
}) {
  const t = useT(templateListMessages);
  const locale = useLocale();
  const { active } = kind;
  const isBuiltIn = active.id === kind.builtIn.id;
  const report = KIND_NAMES[kind.kind][locale];
  const shown = sectionsOf(active).filter((s) => !s.hidden);
  const hidden = sectionsOf(active).filter((s) => s.hidden);
  const subjects = deadlineSubjectsShownFor(active);
  const versionCount = kind.copies.reduce((n, family) => n + family.versions.length, 0);
  const activeName = active.name[locale];
  return (
    <Card id={`template-${kind.kind}`} tabIndex={-1} className="w-full min-w-0 gap-2 outline-none">
      <h3 id={`template-${kind.kind}-title`} className="m-0 text-base font-semibold">
        {report}
      </h3>
      <p className="m-0 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm">
        <span className="min-w-0 break-words">{t('inUse', { name: activeName })}</span>
        <Badge tone={isBuiltIn ? 'neutral' : 'accent'}>{isBuiltIn ? t('builtIn') : t('versionBadge', { version: active.version })}</Badge>
      </p>
      <div className="flex items-start gap-1.5 text-sm">
        <Clock aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted" />
        <div className="flex min-w-0 flex-col gap-0.5">
          {subjects.length === 1 ? (
            <span>{describeDeadline(rules[subjects[0]!], locale)}</span>
          ) : (
            subjects.map((subject) => <span key={subject}>{t('deadlineOf', { subject: subjectName(subject, locale), rule: describeDeadline(rules[subject], locale) })}</span>)
          )}
          {canEdit && (
            <a href={DEADLINES_HREF} className="w-fit text-xs text-accent-hover underline">
              {t('changeDeadlines')}
            </a>
          )}
        </div>
      </div>
      <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted">{t('sections')}</dt>
        <dd className="m-0">
          <ul className="m-0 flex list-none flex-col gap-1 p-0">
            {shown.map((section) => (
              <li key={section.key} className="flex flex-wrap items-center gap-x-1.5">
                <span className="break-words">{section.label[locale]}</span>
                {section.required && <Badge tone="accent">{t('required')}</Badge>}
              </li>
            ))}
            {hidden.map((section) => (
              <li key={section.key} className="flex flex-wrap items-center gap-x-1.5 text-muted">
                <span className="break-words line-through">{section.label[locale]}</span>
                <Badge tone="neutral">{t('hidden')}</Badge>
              </li>
            ))}
            {kind.kind === 'daily' && <li className="text-muted">{t('attachedVisits')}</li>}
          </ul>
          {active.kind === 'weekly' && active.minKeyAccountVisits ? <p className="m-0 mt-1.5 text-muted">{t('minVisits', { count: active.minKeyAccountVisits })}</p> : null}
        </dd>
        <dt className="text-muted">{t('fields')}</dt>
        <dd className="m-0">
          {active.fields.length === 0 ? (
            <span className="text-muted">{t('noFields')}</span>
          ) : (
            <ul className="m-0 flex list-none flex-col gap-1 p-0">
              {active.fields.map((field) => (
                <li key={field.key} className="flex flex-wrap items-center gap-x-1.5">
                  <span className="break-words">
                    {field.type === 'number' && field.unit
                      ? t('fieldLineUnit', { label: field.label[locale], type: typeWord(field.type, t), unit: unitLabel(field.unit, locale, 2) })
                      : t('fieldLine', { label: field.label[locale], type: typeWord(field.type, t) })}
                  </span>
                  {field.required && <Badge tone="accent">{t('required')}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="text-muted">{t('reminder')}</dt>
        <dd className="m-0">{reminderText(active.remindBeforeMinutes, locale)}</dd>
      </dl>
      {versionCount > 0 && (
        <Disclosure summary={t('versions', { count: versionCount })}>
          <ul className="m-0 flex list-none flex-col gap-2 p-0 text-sm">
            <VersionRow template={kind.builtIn} label={t('builtIn')} current={isBuiltIn} canEdit={canEdit} onUse={onUse} useText={t('useBuiltIn')} />
            {kind.copies.flatMap((family) =>
              [...family.versions].reverse().map((version) => (
                <VersionRow
                  key={version.id}
                  template={version}
                  label={`${version.name[locale]} · ${t('versionLine', { version: version.version, day: formatDay(version.createdAt.slice(0, 10), locale, 'date'), author: profileNameFor(version.author.name, locale) })}`}
                  current={version.id === active.id}
                  canEdit={canEdit}
                  onUse={onUse}
                  useText={t('use')}
                  useLabel={t('useLabel', { name: version.name[locale], version: version.version })}
                />
              )),
            )}
          </ul>
        </Disclosure>
      )}
      {canEdit && (
        <div className="mt-auto flex flex-wrap gap-2 pt-1">
          {!isBuiltIn && (
            <Button size="sm" variant="primary" onClick={onEdit} aria-label={t('editLabel', { name: activeName })}>
              {t('edit')}
            </Button>
          )}
          <Button size="sm" variant={isBuiltIn ? 'primary' : 'secondary'} onClick={onCopy} aria-label={t('copyAndEditLabel', { report: locale === 'en' ? report.toLowerCase() : report })}>
            {t('copyAndEdit')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function VersionRow({
  template,
  label,
  current,
  canEdit,
  onUse,
  useText,
  useLabel,
}: {
  template: Template;
  label: string;
  current: boolean;
  canEdit: boolean;
  onUse: (template: Template) => void;
  useText: string;
  useLabel?: string;
}) {
  const t = useT(templateListMessages);
  return (
    <li className={cn('flex min-w-0 flex-wrap items-center justify-between gap-x-2 gap-y-1')}>
      <span className="min-w-0 break-words">{label}</span>
      {current ? (
        <Badge tone="ok">{t('current')}</Badge>
      ) : (
        canEdit && (
          <Button size="sm" onClick={() => onUse(template)} aria-label={useLabel}>
            {useText}
          </Button>
        )
      )}
    </li>
  );
}

function typeWord(type: string, t: (key: TemplateListMessageKey) => string): string {
  const key = `type_${type}`;
  return key in templateListMessages.en ? t(key as TemplateListMessageKey) : type;
}
