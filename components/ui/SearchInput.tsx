import type { InputHTMLAttributes } from 'react';
import { Search } from 'lucide-react';
import { cn } from './cn';
import { inputClass } from './controls';

/** A search box: the text input with a magnifier inside it. Pass a Field's control props and value/onChange. */
export function SearchInput({ className, ...rest }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <div className="relative">
      <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted" />
      <input {...rest} type="search" className={cn(inputClass, 'pl-8', className)} />
    </div>
  );
}
