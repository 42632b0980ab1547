import type { ReactNode } from 'react';

/** A column heading. `hidden` keeps it for screen readers only, as for a column of action buttons. */
export type TableColumn = string | { label: string; hidden: true };

type TableProps = { columns: TableColumn[]; children: ReactNode; 'data-testid'?: string };

/**
 * Renders a data table that scrolls sideways on narrow screens. The wrapper is positioned, so the
 * screen-reader-only headings, which are absolutely positioned, scroll with it instead of widening the page.
 */
export function Table({ columns, children, ...rest }: TableProps) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid={rest['data-testid']}>
        <thead>
          <tr className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
            {columns.map((column) => {
              const label = typeof column === 'string' ? column : column.label;
              return (
                <th key={label} scope="col" className="py-2 pr-3 font-semibold last:pr-0">
                  {typeof column === 'string' ? column : <span className="sr-only">{column.label}</span>}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
