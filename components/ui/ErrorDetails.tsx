import type { ReactNode } from 'react';

/** The technical side of an error (a code, a path, the raw message), folded away under "Details". */
export function ErrorDetails({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="text-xs text-muted">
      <summary className="cursor-pointer select-none">{summary}</summary>
      <p className="m-0 mt-1 font-mono break-words whitespace-pre-wrap">{children}</p>
    </details>
  );
}
