'use client';

import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

type DialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Called on Escape. It is ignored while `busy`, so work under way is not abandoned half-shown. */
  onClose: () => void;
  busy?: boolean;
  /** The element to focus on opening. Without it the browser focuses the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  'data-testid'?: string;
};

/** Shows content in a modal native <dialog>, which keeps focus inside and closes on Escape. */
export function Dialog({ open, title, children, onClose, busy = false, initialFocus, ...rest }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      initialFocus?.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open, initialFocus]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      data-testid={rest['data-testid']}
    >
      <div className="p-5">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {open && children}
      </div>
    </dialog>
  );
}
