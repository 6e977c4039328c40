import { useEffect, useId, useState } from 'react';
import { BellRing } from 'lucide-react';
import { useT } from '../shell/locale';
import { useDatabase, useSetting } from '../shell/database-context';
import { Checkbox, Notice, cn, hintClass, inputClass, labelClass, uiMessages } from '../ui';
import { writeSetting } from '../../lib/store/settings';
import type { SettingValue } from '../../lib/store/settings-schema';
import { reminderSettingsMessages } from './due-messages';

type Reminders = SettingValue<'reminders'>;
export type NotificationPermission = 'granted' | 'denied';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Quiet hours off are stored as an empty range (from equal to to). */
const NO_QUIET = '00:00';
const DEFAULT_QUIET = { quietFrom: '21:00', quietTo: '08:00' };

export interface ReminderSettingsProps {
  /** Whether the browser shows the extension's notifications (the host asks the browser); absent: not said. */
  getPermission?: () => Promise<NotificationPermission | undefined>;
}

/**
 * Reminders on or off and the quiet hours (overnight allowed), saved to the `reminders` setting at
 * once; the background follows the change. A line says whether the browser shows the notifications.
 */
export function ReminderSettings({ getPermission }: ReminderSettingsProps) {
  const reminders = useSetting('reminders');
  if (!reminders) return null;
  return <ReminderSettingsForm key={JSON.stringify(reminders)} stored={reminders} getPermission={getPermission} />;
}

function ReminderSettingsForm({ stored, getPermission }: { stored: Reminders } & ReminderSettingsProps) {
  const t = useT(reminderSettingsMessages);
  const tu = useT(uiMessages);
  const db = useDatabase();
  const id = useId();
  const [from, setFrom] = useState(stored.quietFrom);
  const [to, setTo] = useState(stored.quietTo);
  const [error, setError] = useState<{ field: 'from' | 'to'; message: string }>();
  const [saveFailed, setSaveFailed] = useState(false);
  const [permission, setPermission] = useState<NotificationPermission>();
  const quiet = stored.quietFrom !== stored.quietTo;

  useEffect(() => {
    let live = true;
    getPermission?.().then(
      (level) => live && setPermission(level),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [getPermission]);

  async function save(next: Reminders) {
    setSaveFailed(false);
    try {
      await writeSetting(db, 'reminders', next);
    } catch {
      setSaveFailed(true);
    }
  }

  function saveTimes(nextFrom: string, nextTo: string, field: 'from' | 'to') {
    if (!TIME.test(field === 'from' ? nextFrom : nextTo)) return setError({ field, message: t('badTime') });
    if (nextFrom === nextTo) return setError({ field: 'to', message: t('sameTimes') });
    setError(undefined);
    void save({ ...stored, quietFrom: nextFrom, quietTo: nextTo });
  }

  const fromId = `${id}-from`;
  const toId = `${id}-to`;
  const errorId = `${id}-error`;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex min-w-0 flex-col gap-3">
      <h3 id={`${id}-heading`} className="m-0 text-base font-semibold">
        {t('heading')}
      </h3>
      <div className="flex flex-col gap-1">
        <Checkbox label={t('enabled')} checked={stored.enabled} aria-describedby={`${id}-enabled-hint`} onChange={(e) => void save({ ...stored, enabled: e.target.checked })} />
        <p id={`${id}-enabled-hint`} className={hintClass}>
          {t('enabledHint')}
        </p>
      </div>
      <div className={cn('flex flex-col gap-2', !stored.enabled && 'opacity-70')}>
        <Checkbox
          label={t('quiet')}
          checked={quiet}
          disabled={!stored.enabled}
          aria-describedby={`${id}-quiet-hint`}
          onChange={(e) => {
            setError(undefined);
            void save({ ...stored, ...(e.target.checked ? DEFAULT_QUIET : { quietFrom: NO_QUIET, quietTo: NO_QUIET }) });
          }}
        />
        {quiet && (
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor={fromId} className={labelClass}>
                {t('quietFrom')}
              </label>
              <input
                id={fromId}
                type="time"
                className={cn(inputClass, 'w-32')}
                value={from}
                disabled={!stored.enabled}
                aria-invalid={error?.field === 'from' ? true : undefined}
                aria-describedby={error?.field === 'from' ? errorId : undefined}
                onChange={(e) => {
                  setFrom(e.target.value);
                  saveTimes(e.target.value, to, 'from');
                }}
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={toId} className={labelClass}>
                {t('quietTo')}
              </label>
              <input
                id={toId}
                type="time"
                className={cn(inputClass, 'w-32')}
                value={to}
                disabled={!stored.enabled}
                aria-invalid={error?.field === 'to' ? true : undefined}
                aria-describedby={error?.field === 'to' ? errorId : undefined}
                onChange={(e) => {
                  setTo(e.target.value);
                  saveTimes(from, e.target.value, 'to');
                }}
              />
            </div>
          </div>
        )}
        {error && (
          <p id={errorId} role="alert" className="m-0 text-sm text-danger">
            {tu('fieldError', { field: error.field === 'from' ? t('quietFrom') : t('quietTo'), message: error.message })}
          </p>
        )}
        <p id={`${id}-quiet-hint`} className={hintClass}>
          {t('quietHint')}
        </p>
      </div>
      {saveFailed && (
        <Notice tone="danger" role="alert">
          {t('saveFailed')}
        </Notice>
      )}
      {permission === 'denied' && (
        <Notice tone="warn">
          {t('permission_denied')}
        </Notice>
      )}
      {permission === 'granted' && stored.enabled && (
        <p className="m-0 flex items-center gap-1.5 text-sm text-muted">
          <BellRing aria-hidden="true" className="size-4 shrink-0" />
          {t('permission_granted')}
        </p>
      )}
    </section>
  );
}
