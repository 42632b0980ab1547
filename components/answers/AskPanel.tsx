'use client';

import Link from 'next/link';
import { useEffect, useId, useReducer, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { Markdown } from '@/components/Markdown';
import { ModelFallbackNotice } from '@/components/status/ModelFallbackNotice';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextArea } from '@/components/ui/Field';
import { Notice } from '@/components/ui/Notice';
import { errorMessage } from '@/lib/client/api';
import { excerptMarkdown } from '@/lib/client/excerpt';
import { postNdjson } from '@/lib/client/ndjson';
import { askUrl, type DocumentScope } from '@/lib/client/queries';
import type { AnswerEvent, Source } from '@/lib/client/types';
import { linkCitations, sourceHref } from './citations';
import { readSavedAnswer, saveAnswer, type AnswerFallback, type FinishedAnswer, type SavedAnswer } from './savedAnswer';

type AnswerState = {
  phase: 'idle' | 'streaming' | 'done' | 'failed';
  question: string;
  sources: Source[];
  methods: string[];
  warnings: string[];
  text: string;
  fallback: AnswerFallback | null;
  cited: number[];
  error: string | null;
  /** True for an answer restored from the tab's storage rather than streamed on this visit. */
  restored: boolean;
};

type Action = { type: 'start'; question: string } | { type: 'event'; event: AnswerEvent } | { type: 'failed'; message: string } | { type: 'stopped' };

const initialState: AnswerState = { phase: 'idle', question: '', sources: [], methods: [], warnings: [], text: '', fallback: null, cited: [], error: null, restored: false };

function restoredState(saved: SavedAnswer | null): AnswerState {
  if (!saved?.answer) return initialState;
  return { ...initialState, ...saved.answer, phase: 'done', question: saved.question, restored: true };
}

function reduce(state: AnswerState, action: Action): AnswerState {
  switch (action.type) {
    case 'start':
      return { ...initialState, phase: 'streaming', question: action.question };
    case 'failed':
      return { ...state, phase: 'failed', error: action.message };
    case 'stopped':
      return state.phase === 'streaming' ? { ...state, phase: 'done' } : state;
    case 'event':
      return applyEvent(state, action.event);
  }
}

function applyEvent(state: AnswerState, event: AnswerEvent): AnswerState {
  switch (event.type) {
    case 'sources':
      return { ...state, sources: event.sources, methods: event.methods };
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.message] };
    case 'delta':
      return { ...state, text: state.text + event.text };
    case 'fallback':
      return { ...state, fallback: { code: event.code, message: event.message } };
    case 'done':
      return { ...state, phase: 'done', cited: event.cited };
    case 'error':
      return { ...state, phase: 'failed', error: event.message };
  }
}

type AskPanelProps = {
  /** Whose documents are searched: one client's, or the knowledge base. */
  scope: DocumentScope;
  questionLabel: string;
  placeholder: string;
};

const subscribeToNothing = () => () => {};

/**
 * Shows a question box and streams the reply in, with each citation linked to the cited page. The
 * last question and its finished answer are kept in the tab per scope, so Back from a cited page
 * shows them again. The server render has no sessionStorage, so they are restored once the page
 * has hydrated, by mounting the form again.
 */
export function AskPanel(props: AskPanelProps) {
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  return <AskForm key={hydrated ? 'restored' : 'server'} restore={hydrated} {...props} />;
}

function AskForm({ scope, questionLabel, placeholder, restore }: AskPanelProps & { restore: boolean }) {
  const questionId = useId();
  const [saved] = useState(() => (restore ? readSavedAnswer(scope) : null));
  const [question, setQuestion] = useState(saved?.question ?? '');
  const [state, dispatch] = useReducer(reduce, saved, restoredState);
  // A question too short to send is a fault of the form, shown under it; the last answer stays as it was.
  const [problem, setProblem] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function ask(event?: FormEvent) {
    event?.preventDefault();
    const trimmed = question.trim();
    if (trimmed.length < 3) {
      setProblem('Type a question of at least 3 characters.');
      return;
    }
    setProblem(null);
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;

    // The new question replaces the saved one at once, so Back never pairs it with the previous answer.
    saveAnswer(scope, { question: trimmed, answer: null });
    const start: Action = { type: 'start', question: trimmed };
    let current = reduce(state, start);
    dispatch(start);
    try {
      for await (const answerEvent of postNdjson<AnswerEvent>(askUrl(scope), { question: trimmed }, abort.signal)) {
        const action: Action = { type: 'event', event: answerEvent };
        current = reduce(current, action);
        dispatch(action);
      }
      // Only an answer the server finished is kept, because a stopped or broken stream is not worth restoring.
      if (current.phase === 'done') saveAnswer(scope, { question: trimmed, answer: finishedAnswerOf(current) });
      dispatch({ type: 'stopped' });
    } catch (error) {
      // A question asked while this one streamed aborts it, and its end must not stop the new answer.
      if (controller.current !== abort) return;
      if (abort.signal.aborted) dispatch({ type: 'stopped' });
      else dispatch({ type: 'failed', message: errorMessage(error) });
    }
  }

  function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void ask();
  }

  const streaming = state.phase === 'streaming';

  return (
    <div className="space-y-4">
      <form onSubmit={ask} className="space-y-2" data-testid="ask-form">
        <Field id={questionId} label={questionLabel} hint="Press Ctrl+Enter to ask." error={problem ?? undefined}>
          <TextArea
            id={questionId}
            rows={2}
            value={question}
            placeholder={placeholder}
            onChange={(event) => {
              setQuestion(event.target.value);
              setProblem(null);
            }}
            onKeyDown={submitOnCtrlEnter}
            {...describedBy(questionId, { hint: true, error: problem })}
            maxLength={2000}
            data-testid="ask-input"
          />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" busy={streaming} data-testid="ask-submit">
            Ask
          </Button>
          {streaming && (
            <Button variant="secondary" onClick={() => controller.current?.abort()}>
              Stop
            </Button>
          )}
        </div>
      </form>

      {state.phase !== 'idle' && <AnswerView state={state} />}
    </div>
  );
}

function finishedAnswerOf({ sources, methods, warnings, text, fallback, cited }: AnswerState): FinishedAnswer {
  return { sources, methods, warnings, text, fallback, cited };
}

function AnswerView({ state }: { state: AnswerState }) {
  const streaming = state.phase === 'streaming';
  const waiting = streaming && !state.text && !state.fallback;

  return (
    <div className="space-y-3" data-testid="answer" data-phase={state.phase} data-restored={state.restored || undefined}>
      {state.question && <p className="text-sm text-slate-600">Question: <span className="font-medium text-slate-800">{state.question}</span></p>}

      {state.warnings.map((warning) => (
        <Notice key={warning} tone="warning" data-testid="answer-warning">
          {warning}
        </Notice>
      ))}

      {state.fallback && <ModelFallbackNotice title="No written answer" code={state.fallback.code} message={state.fallback.message} screen="answer" data-testid="answer-fallback" />}

      <div aria-live="polite" aria-busy={streaming} className="rounded-md border border-slate-200 bg-white p-4 empty:hidden" data-testid="answer-text">
        {waiting && <p className="text-sm text-slate-600">Searching the documents and writing the answer…</p>}
        {state.text && <Markdown internalLinkTestId="citation-link">{linkCitations(state.text, state.sources)}</Markdown>}
        {!streaming && !state.text && !state.fallback && state.phase === 'done' && <p className="text-sm text-slate-600">The answer was stopped before any text arrived.</p>}
      </div>

      {state.error && <ErrorMessage error={state.error} title="The question could not be answered." data-testid="answer-error" />}

      {state.sources.length > 0 && <SourceList sources={state.sources} cited={state.cited} expanded={Boolean(state.fallback)} methods={state.methods} />}
    </div>
  );
}

function SourceList({ sources, cited, expanded, methods }: { sources: Source[]; cited: number[]; expanded: boolean; methods: string[] }) {
  const citedSet = new Set(cited);
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">
        Sources
        {methods.length > 0 && <span className="ml-2 font-normal text-slate-500">found by {methods.map((method) => (method === 'vector' ? 'semantic search' : 'keyword search')).join(' and ')}</span>}
      </h3>
      <ol className="space-y-2" data-testid="answer-sources">
        {sources.map((source) => (
          <li key={source.chunkId} id={`source-${source.n}`} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="source-item" data-source-number={source.n}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs text-slate-500">[{source.n}]</span>
              <Link href={sourceHref(source)} className="font-medium underline-offset-2 hover:underline" data-testid="source-link">
                {source.documentName}, page {source.pageNumber}
              </Link>
              {citedSet.has(source.n) && <Badge tone="info">Cited</Badge>}
            </div>
            <details open={expanded} className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-600">Passage</summary>
              <div className="mt-1" data-testid="source-excerpt">
                <Markdown compact>{excerptMarkdown(source.excerpt)}</Markdown>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
