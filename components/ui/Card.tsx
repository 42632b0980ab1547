import type { HTMLAttributes, ReactNode } from 'react';

type CardProps = HTMLAttributes<HTMLElement> & { title?: ReactNode; description?: ReactNode; actions?: ReactNode; headingLevel?: 2 | 3 };

/** Renders a titled section of a page. The title becomes the section's accessible name. */
export function Card({ title, description, actions, headingLevel = 2, className = '', children, id, ...rest }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section id={id} aria-labelledby={title ? headingId : undefined} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`} {...rest}>
      {(title || actions) && (
        <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            {title && (
              <Heading id={headingId} className="text-lg font-semibold text-slate-900">
                {title}
              </Heading>
            )}
            {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
