import type { ReactNode } from 'react';

/** Every empty view tells a new user what to do next, with the action right there. */
export function EmptyState({ title, body, action, testId }: { title: string; body: string; action?: ReactNode; testId?: string }) {
  return (
    <section className="fk-empty" data-testid={testId}>
      <h3>{title}</h3>
      <p>{body}</p>
      {action}
    </section>
  );
}
