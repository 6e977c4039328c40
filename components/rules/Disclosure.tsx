import type { ReactNode } from 'react';
import { ChevronRight } from 'lucide-react';
import { cn } from '../ui/index';

/** The chevron of a disclosure: turned down when its own <details> is open (not an outer one). */
export function DisclosureChevron() {
  return <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted transition-transform motion-reduce:transition-none [details[open]>summary>&]:rotate-90" />;
}

export const summaryClass = 'flex min-h-9 cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-soft [&::-webkit-details-marker]:hidden';

/** A bordered disclosure with a chevron: secondary content one click away (sources, raw JSON, example values). */
export function Disclosure({
  summary,
  children,
  open,
  onToggle,
  className,
}: {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
  onToggle?: (open: boolean) => void;
  className?: string;
}) {
  return (
    <details className={cn('min-w-0 rounded-lg border border-line bg-surface', className)} open={open} onToggle={onToggle ? (event) => onToggle(event.currentTarget.open) : undefined}>
      <summary className={summaryClass}>
        <DisclosureChevron />
        <span className="min-w-0">{summary}</span>
      </summary>
      <div className="flex min-w-0 flex-col gap-3 border-t border-line p-3">{children}</div>
    </details>
  );
}
