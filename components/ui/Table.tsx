import type { ReactNode, TdHTMLAttributes } from 'react';
import { styles } from './styles';

/** A table's header row: one column header per label, then anything extra (e.g. an empty cell). */
export function TableHead({ columns, children }: { columns: ReactNode[]; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" style={styles.cell}>
            {column}
          </th>
        ))}
        {children}
      </tr>
    </thead>
  );
}

/** A body cell in the shared table style. */
export function Cell({ style, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td style={{ ...styles.cell, ...style }} {...rest} />;
}
