/** Shows a loading line in a status region, which screen readers announce politely. */
export function Loading({ label = 'Loading…', className = '' }: { label?: string; className?: string }) {
  return (
    <p role="status" className={`flex items-center gap-2 text-sm text-slate-600 ${className}`}>
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-teal-600 border-t-transparent" />
      {label}
    </p>
  );
}
