/** Classes of form controls, so native inputs, selects and textareas look alike everywhere. */
export const controlClass =
  'block w-full min-w-0 rounded-md border border-line bg-surface px-2.5 text-base text-ink placeholder:text-muted disabled:bg-soft disabled:text-muted aria-[invalid=true]:border-danger';
export const inputClass = `${controlClass} h-9`;
export const selectClass = `${controlClass} h-9 pr-7`;
export const textareaClass = `${controlClass} min-h-16 py-1.5 resize-y`;
export const labelClass = 'text-sm font-semibold text-ink';
export const hintClass = 'm-0 text-xs text-muted';
