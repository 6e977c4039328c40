import type { HTMLAttributes, ReactNode } from 'react';
import { AlertTriangle, CheckCircle2, Info, XCircle } from 'lucide-react';
import { cn } from './cn';

const TONES = {
  info: { box: 'bg-info-soft text-info', Icon: Info },
  ok: { box: 'bg-ok-soft text-ok', Icon: CheckCircle2 },
  warn: { box: 'bg-warn-soft text-warn', Icon: AlertTriangle },
  danger: { box: 'bg-danger-soft text-danger', Icon: XCircle },
} as const;

/** A one-line message in a tinted box with its icon: information, success, a warning or an error. */
export function Notice({ tone = 'info', className, children, ...rest }: { tone?: keyof typeof TONES; children: ReactNode } & HTMLAttributes<HTMLParagraphElement>) {
  const { box, Icon } = TONES[tone];
  return (
    <p className={cn('m-0 flex items-start gap-2 rounded-md px-2.5 py-2 text-sm', box, className)} {...rest}>
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span className="min-w-0">{children}</span>
    </p>
  );
}

/** A small label: a status, a flag, a count. */
export function Badge({ tone = 'neutral', className, children }: { tone?: 'neutral' | 'accent' | 'ok' | 'warn' | 'danger'; className?: string; children: ReactNode }) {
  const colours = {
    neutral: 'border-line bg-soft text-ink',
    accent: 'border-transparent bg-accent-soft text-accent-hover',
    ok: 'border-transparent bg-ok-soft text-ok',
    warn: 'border-transparent bg-warn-soft text-warn',
    danger: 'border-transparent bg-danger-soft text-danger',
  }[tone];
  return <span className={cn('inline-flex items-center rounded-full border px-2 py-px text-xs font-medium whitespace-nowrap', colours, className)}>{children}</span>;
}

/** A surface that groups related content. */
export function Card({ className, children, ...rest }: { children: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={cn('flex flex-col gap-3 rounded-lg border border-line bg-surface p-3', className)} {...rest}>
      {children}
    </div>
  );
}
