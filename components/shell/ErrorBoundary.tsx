import { Component, useEffect, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../ui/Button';
import { errorBoundaryMessages } from './error-messages';
import { useLocale, useT } from './locale';

type ErrorBoundaryProps = {
  /** The section's name as the user sees it, already translated by the caller. */
  section: string;
  children: ReactNode;
  /** Called once per caught render error, e.g. to record it; a throw here is logged, not rethrown. */
  onError?: (error: unknown, info: ErrorInfo) => void;
};

type ErrorBoundaryState =
  | { failed: false }
  | { failed: true; error: unknown; time: string; componentStack: string | undefined };

/**
 * Contains a render error to one section: the section is replaced by a message in the UI
 * language with "Try again" and "Copy details", and the rest of the page keeps working.
 * A class because only class components can catch render errors; the message itself is a
 * function component so it can read the locale with `useT`.
 *
 * When one boundary hosts switchable views, give it `key={viewId}` so switching clears the error.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failed: true, error, time: new Date().toISOString(), componentStack: undefined };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    this.setState((state) => (state.failed ? { ...state, componentStack: info.componentStack ?? undefined } : state));
    try {
      this.props.onError?.(error, info);
    } catch (reportError) {
      // A failing reporter must not take the whole page down with it.
      console.error('ErrorBoundary onError failed', reportError);
    }
  }

  private readonly retry = () => this.setState({ failed: false });

  override render() {
    if (!this.state.failed) return this.props.children;
    const { error, time, componentStack } = this.state;
    return <SectionError section={this.props.section} error={error} time={time} componentStack={componentStack} onRetry={this.retry} />;
  }
}

type CopyState = 'idle' | 'copied' | 'failed';

function SectionError({ section, error, time, componentStack, onRetry }: { section: string; error: unknown; time: string; componentStack: string | undefined; onRetry: () => void }) {
  const t = useT(errorBoundaryMessages);
  const locale = useLocale();
  const [copy, setCopy] = useState<CopyState>('idle');
  const [detailsOpen, setDetailsOpen] = useState(false);
  const reportRef = useRef<HTMLPreElement>(null);
  const report = errorReport({ section, error, time, componentStack, locale, userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent });

  async function copyDetails() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(report);
      setCopy('copied');
    } catch {
      // Not allowed here (e.g. a page without clipboard permission): show the text to copy by hand.
      setCopy('failed');
      setDetailsOpen(true);
    }
  }

  // After a failed copy, select the report so a plain Ctrl+C / ⌘C copies it.
  useEffect(() => {
    if (copy === 'failed' && reportRef.current) window.getSelection()?.selectAllChildren(reportRef.current);
  }, [copy]);

  return (
    <div role="alert" data-testid="section-error" className="flex flex-col gap-2 rounded-lg border border-line bg-danger-soft px-3 py-2.5 text-base text-ink">
      <p className="m-0">{t('message', { section })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={onRetry}>
          {t('retry')}
        </Button>
        <Button onClick={() => void copyDetails()}>{t('copyDetails')}</Button>
        {copy === 'copied' && <span className="text-muted">{t('copied')}</span>}
      </div>
      {copy === 'failed' && <p className="m-0 text-sm text-danger">{t('copyFailed')}</p>}
      <details open={detailsOpen} onToggle={(event) => setDetailsOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer text-sm text-muted">{t('details')}</summary>
        <pre ref={reportRef} className="mt-1.5 max-h-60 overflow-auto rounded-md bg-soft p-2 text-xs whitespace-pre-wrap select-text [overflow-wrap:anywhere]">
          {report}
        </pre>
      </details>
    </div>
  );
}

/**
 * The plain-text report "Copy details" puts on the clipboard, for an admin or developer. Labels
 * stay in English whatever the UI language, so reports read the same in every bug ticket.
 */
export function errorReport({ section, error, time, componentStack, locale, userAgent }: { section: string; error: unknown; time: string; componentStack: string | undefined; locale: string; userAgent: string }): string {
  const lines = [
    'Fieldkit error report',
    `Section: ${section}`,
    `Time: ${time}`,
    `Language: ${locale}`,
    `User agent: ${userAgent || '(unknown)'}`,
    `Error: ${safe(() => (error instanceof Error ? error.name : `(thrown ${typeof error}, not an Error)`))}`,
    `Message: ${safe(() => (error instanceof Error ? error.message : String(error)))}`,
  ];
  for (let cause = causeOf(error), depth = 0; cause !== undefined && depth < 3; cause = causeOf(cause), depth++) {
    const current = cause;
    lines.push(`Caused by: ${safe(() => (current instanceof Error ? `${current.name}: ${current.message}` : String(current)))}`);
  }
  lines.push('', 'Stack:', safe(() => (error instanceof Error && error.stack ? error.stack : '(none)')));
  lines.push('', 'Component stack:', componentStack?.replace(/^\n+/, '') || '(none)');
  return lines.join('\n');
}

/** Reads an arbitrary thrown value without letting a hostile getter or toString throw again. */
function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '(unreadable)';
  }
}

function causeOf(error: unknown): unknown {
  try {
    return error instanceof Error ? error.cause : undefined;
  } catch {
    return undefined;
  }
}
