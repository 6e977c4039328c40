import { Button } from './Button';
import { SaveError } from './SaveError';

/**
 * A single-step form's footer: the save error (if the host's onSave rejected), the submit button
 * and an optional cancel. Both buttons are disabled while saving; labels come from the feature.
 */
export function FormActions({
  saveLabel,
  cancelLabel,
  saving,
  error,
  onCancel,
}: {
  saveLabel: string;
  cancelLabel: string;
  saving: boolean;
  error: string | undefined;
  onCancel?: () => void;
}) {
  return (
    <>
      <SaveError error={error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
          {saveLabel}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={saving}>
            {cancelLabel}
          </Button>
        )}
      </div>
    </>
  );
}
