import type { ReactNode, TdHTMLAttributes } from 'react';
import { cn } from './cn';

export const tableClass = 'w-full border-collapse text-sm';

/** A table's header row: one column header per label, then anything extra (e.g. an empty cell). */
export function TableHead({ columns, children }: { columns: ReactNode[]; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className="border-b border-line px-1.5 py-1 text-left align-bottom text-xs font-semibold whitespace-nowrap text-muted">
            {column}
          </th>
        ))}
        {children}
      </tr>
    </thead>
  );
}

/** A body cell in the shared table style; numbers use tabular figures. */
export function Cell({ className, style, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('border-b border-line px-1.5 py-1.5 align-top tabular-nums', className)} style={style} {...rest} />;
}
