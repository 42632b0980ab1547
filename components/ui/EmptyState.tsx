import type { ReactNode } from 'react';

export function EmptyState({ title, children, 'data-testid': testId }: { title: string; children?: ReactNode; 'data-testid'?: string }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600" data-testid={testId}>
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
