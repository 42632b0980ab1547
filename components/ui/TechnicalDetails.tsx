import type { ReactNode } from 'react';

/**
 * Renders a collapsed "Technical details" disclosure for text that an admin needs and an advisor does
 * not, such as the server's own message with its addresses, model names and settings.
 */
export function TechnicalDetails({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <details className={`text-xs ${className}`} data-testid="technical-details">
      <summary className="w-fit cursor-pointer rounded-sm font-medium">Technical details</summary>
      <div className="mt-1 space-y-1 wrap-anywhere">{children}</div>
    </details>
  );
}
