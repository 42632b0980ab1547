'use client';

import { Notice } from '@/components/ui/Notice';
import { TechnicalDetails } from '@/components/ui/TechnicalDetails';
import { isModelFailure, modelFailureText } from '@/lib/client/model-failure';
import { StatusPageAdvice } from './StatusPageAdvice';

type ModelFallbackNoticeProps = {
  title: string;
  /** The code and message of the stream's fallback event. */
  code: string | null;
  message: string | null;
  /** The screen whose sentence on what still works is shown when the model call failed. */
  screen: keyof typeof modelFailureText;
  role?: string;
  'data-testid': string;
};

/**
 * Shows why the model wrote nothing. A failed model call is described in plain words, with the
 * server's message as technical detail. Any other reason is shown as the server wrote it.
 */
export function ModelFallbackNotice({ title, code, message, screen, role, 'data-testid': testId }: ModelFallbackNoticeProps) {
  return (
    <Notice tone="warning" title={title} role={role} data-testid={testId} data-code={code ?? undefined}>
      {isModelFailure(code) ? (
        <>
          <p>
            {modelFailureText[screen]} <StatusPageAdvice />
          </p>
          <TechnicalDetails className="mt-2">
            <p>{message}</p>
          </TechnicalDetails>
        </>
      ) : (
        message
      )}
    </Notice>
  );
}
