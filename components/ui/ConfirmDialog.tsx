'use client';

import { useRef, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  tone?: 'danger' | 'primary';
  /** Keeps the confirm button disabled, e.g. until a typed confirmation matches. */
  confirmDisabled?: boolean;
  'data-testid'?: string;
};

/**
 * Asks for confirmation in a modal dialog. Focus starts on Cancel, so pressing Enter by habit does
 * not confirm a destructive action.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, busy = false, error, tone = 'danger', confirmDisabled = false, ...rest }: ConfirmDialogProps) {
  const cancelButton = useRef<HTMLButtonElement>(null);

  return (
    <Dialog open={open} title={title} onClose={onCancel} busy={busy} initialFocus={cancelButton} data-testid={rest['data-testid'] ?? 'confirm-dialog'}>
      <div className="mt-2 space-y-2 text-sm text-slate-700">{children}</div>
      {error !== undefined && error !== null && <ErrorMessage error={error} className="mt-3" />}
      <div className="mt-5 flex justify-end gap-2">
        <Button ref={cancelButton} variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant={tone} onClick={onConfirm} busy={busy} disabled={confirmDisabled} data-testid="confirm-dialog-confirm">
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
