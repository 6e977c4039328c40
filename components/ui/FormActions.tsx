import { Button } from './Button';
import { SaveError } from './SaveError';

/**
 * A single-step form's footer: the save error (if the host's onSave rejected), the submit button
 * and an optional cancel. Both buttons are disabled while saving; labels come from the feature.
 * `sticky` keeps the buttons in view at the bottom of a scrolling host padded `p-4` (the capture
 * overlay's form is taller than a laptop screen once a near-duplicate shows: Save must not need a
 * scroll); the bar covers the host's bottom padding so nothing shows through below it.
 */
export function FormActions({
  saveLabel,
  cancelLabel,
  saving,
  error,
  onCancel,
  sticky = false,
}: {
  saveLabel: string;
  cancelLabel: string;
  saving: boolean;
  error: string | undefined;
  onCancel?: () => void;
  sticky?: boolean;
}) {
  return (
    <>
      <SaveError error={error} />
      <div className={sticky ? 'sticky -bottom-4 z-10 -mx-4 -mb-4 flex flex-wrap items-center gap-2 border-t border-line bg-surface px-4 py-3' : 'flex flex-wrap items-center gap-2'}>
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
