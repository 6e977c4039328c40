import { useState } from 'react';
import { useT } from '../shell/locale';
import { Button } from './Button';
import { uiMessages } from './messages';

/**
 * Delete in two steps: the first click asks, the second deletes. `record` names what is deleted
 * for screen readers ("Delete visit card 华东润滑油 2026-11-30"). A delete is a tombstone that
 * syncs like an edit, so nothing disappears from the CRM silently.
 */
export function DeleteButton({ record, onDelete }: { record: string; onDelete: () => Promise<void> | void }) {
  const t = useT(uiMessages);
  const [asking, setAsking] = useState(false);
  const [failed, setFailed] = useState('');
  if (!asking) {
    return (
      <>
        <Button variant="small" aria-label={t('deleteLabel', { record })} onClick={() => setAsking(true)}>
          {t('delete')}
        </Button>
        {failed && (
          <span role="alert" className="text-sm text-danger">
            {failed}
          </span>
        )}
      </>
    );
  }
  return (
    <span role="group" aria-label={t('confirmDelete')} className="inline-flex flex-wrap items-center gap-1">
      <span className="text-sm">{t('confirmDelete')}</span>
      <Button
        variant="small"
        aria-label={t('confirmDeleteLabel', { record })}
        onClick={() => {
          setFailed('');
          // A failed delete changes nothing: say so next to the button, never as an unhandled rejection.
          Promise.resolve()
            .then(onDelete)
            .catch((error: unknown) => setFailed(t('deleteFailed', { message: error instanceof Error ? error.message : String(error) })))
            .finally(() => setAsking(false));
        }}
      >
        {t('delete')}
      </Button>
      <Button variant="small" onClick={() => setAsking(false)}>
        {t('keep')}
      </Button>
    </span>
  );
}

/** "Show more" under a paged list; hidden when the last page came back short. */
export function ShowMore({ shown, limit, onMore }: { shown: number; limit: number; onMore: () => void }) {
  const t = useT(uiMessages);
  if (shown < limit) return null;
  return (
    <Button variant="small" onClick={onMore}>
      {t('showMore')}
    </Button>
  );
}
