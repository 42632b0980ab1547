import { errorMessage } from '@/lib/client/api';
import { Button } from './Button';

type ErrorMessageProps = {
  /** An error from a request, or a message to show as it is. */
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
  'data-testid'?: string;
};

/** Shows what failed in the server's own words, with a way to try again when one is given. */
export function ErrorMessage({ error, title, onRetry, className = '', ...rest }: ErrorMessageProps) {
  const message = typeof error === 'string' ? error : errorMessage(error);
  return (
    <div role="alert" className={`rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 ${className}`} data-testid={rest['data-testid'] ?? 'error-message'}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          {title && <p className="font-semibold">{title}</p>}
          <p>{message}</p>
        </div>
        {onRetry && (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
    </div>
  );
}
