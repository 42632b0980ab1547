type ProgressBarProps = {
  /** Accessible name, e.g. "Uploading letter.pdf". */
  label: string;
  /** Progress from 0 to max; null shows an indeterminate bar. */
  value: number | null;
  max?: number;
  /** Text shown beside the bar and read as the value, e.g. "3 of 7 pages". */
  valueText?: string;
  tone?: 'teal' | 'sky' | 'red';
  className?: string;
  'data-testid'?: string;
};

const fills = { teal: 'bg-teal-600', sky: 'bg-sky-600', red: 'bg-red-600' };

export function ProgressBar({ label, value, max = 1, valueText, tone = 'teal', className = '', ...rest }: ProgressBarProps) {
  const fraction = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div className={`flex items-center gap-3 ${className}`} data-testid={rest['data-testid']}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={fraction === null ? undefined : max}
        aria-valuenow={fraction === null ? undefined : value ?? undefined}
        aria-valuetext={valueText}
        className="relative h-2 min-w-24 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        {fraction === null ? (
          <div className={`absolute inset-y-0 w-1/3 animate-[progress-slide_1.4s_ease-in-out_infinite] rounded-full ${fills[tone]}`} />
        ) : (
          <div className={`h-full rounded-full transition-[width] duration-300 ${fills[tone]}`} style={{ width: `${fraction * 100}%` }} />
        )}
      </div>
      {valueText && <span className="shrink-0 text-xs tabular-nums text-slate-600">{valueText}</span>}
    </div>
  );
}
