import { useT } from '../shell/locale';
import { uiMessages } from './messages';
import { Notice } from './Notice';

/** Shown when the host's onSave rejected; the form keeps every value so the user can retry. */
export function SaveError({ error }: { error: string | undefined }) {
  const t = useT(uiMessages);
  if (!error) return null;
  return (
    <Notice tone="danger" role="alert">
      {t('saveFailed', { message: error })}
    </Notice>
  );
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : String(error);
}
