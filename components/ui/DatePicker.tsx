import { useState, type InputHTMLAttributes } from 'react';
import * as Popover from '@radix-ui/react-popover';
import { DayPicker } from 'react-day-picker';
import { zhCN } from 'react-day-picker/locale/zh-CN';
import { enUS } from 'react-day-picker/locale/en-US';
import { format, isValid, parseISO } from 'date-fns';
import { CalendarDays } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { uiMessages } from './messages';
import { inputClass } from './controls';
import { usePortalContainer } from './portal';
import { cn } from './cn';
import { formatDay } from '../../lib/kernel/format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: string): Date | undefined {
  if (!DAY.test(value)) return undefined;
  const date = parseISO(value);
  return isValid(date) ? date : undefined;
}

/**
 * A calendar day: typed as YYYY-MM-DD (unambiguous in both languages, the form every record
 * stores), or picked from a month calendar in the UI language (Monday first). The day is read back
 * in words next to the field ("2026年11月30日周一" / "Mon, 30 Nov 2026").
 */
export function DatePicker({
  value,
  onValueChange,
  min,
  max,
  className,
  ...input
}: {
  value: string;
  onValueChange: (value: string) => void;
  min?: string;
  max?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>) {
  const t = useT(uiMessages);
  const locale = useLocale();
  const container = usePortalContainer();
  const [open, setOpen] = useState(false);
  const selected = dayOf(value);
  const spoken = selected ? formatDay(value, locale) : '';
  const bounds = [min ? { before: parseISO(min) } : undefined, max ? { after: parseISO(max) } : undefined].filter((b) => b !== undefined);
  return (
    <div data-testid="date-picker" className={cn('flex min-w-0 flex-col gap-1', className)}>
      <div className="flex min-w-0 items-center gap-1">
        <input
          {...input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('datePlaceholder')}
          value={value}
          onChange={(e) => onValueChange(e.target.value.trim())}
          className={cn(inputClass, 'w-36 tabular-nums')}
        />
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button type="button" aria-label={t('pickDate')} className="inline-flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-md border border-line bg-surface text-ink hover:bg-soft">
              <CalendarDays aria-hidden="true" className="size-4" />
            </button>
          </Popover.Trigger>
          <Popover.Portal container={container}>
            <Popover.Content align="start" sideOffset={4} className="z-50 rounded-lg border border-line bg-surface p-2 text-ink shadow-lg">
              <DayPicker
                mode="single"
                locale={locale === 'zh-CN' ? zhCN : enUS}
                weekStartsOn={1}
                selected={selected}
                defaultMonth={selected}
                disabled={bounds}
                onSelect={(day) => {
                  if (!day) return;
                  onValueChange(format(day, 'yyyy-MM-dd'));
                  setOpen(false);
                }}
              />
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      </div>
      {spoken && <span className="text-xs text-muted">{spoken}</span>}
    </div>
  );
}
