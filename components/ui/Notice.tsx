import type { ReactNode } from 'react';

const tones = {
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
};

type NoticeProps = { tone?: keyof typeof tones; title?: ReactNode; children?: ReactNode; className?: string; role?: string } & { [data: `data-${string}`]: string | undefined };

/** A boxed message that is not an error: a warning the advisor should read, or a confirmation. Data attributes are passed on to the box. */
export function Notice({ tone = 'info', title, children, className = '', role, ...data }: NoticeProps) {
  return (
    <div role={role} className={`rounded-md border p-3 text-sm ${tones[tone]} ${className}`} {...data}>
      {title && <p className="font-semibold">{title}</p>}
      {children}
    </div>
  );
}
