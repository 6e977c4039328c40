import type { ReactNode } from 'react';

/** Every empty view tells a new user what to do next, with the action right there. */
export function EmptyState({ title, body, action, testId }: { title: string; body: string; action?: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col items-start gap-2 rounded-lg border border-dashed border-line-strong bg-soft p-4" data-testid={testId}>
      <p className="m-0 text-base font-semibold text-ink">{title}</p>
      <p className="m-0 text-sm text-muted">{body}</p>
      {action}
    </div>
  );
}
