'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ClientPicker } from '@/components/clients/ClientPicker';
import { ModelFallbackNotice } from '@/components/status/ModelFallbackNotice';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextArea, TextInput } from '@/components/ui/Field';
import { Notice } from '@/components/ui/Notice';
import { errorMessage } from '@/lib/client/api';
import { sharesSurname } from '@/lib/entities/addressee';
import { postNdjson } from '@/lib/client/ndjson';
import { fetchClients, fetchHealth, queryKeys } from '@/lib/client/queries';
import type { LetterStreamEvent } from '@/lib/client/types';
import { datedFilename } from '@/lib/filenames';
import { LetterCheck } from './LetterCheck';
import { readWrittenLetter, storeWrittenLetter, useLetterDraft } from './useLetterDraft';

/** The server's minimum, repeated here so the advisor learns before sending. */
const MIN_NOTES_CHARACTERS = 20;
const MAX_NOTES_CHARACTERS = 20_000;

type LetterState = {
  phase: 'idle' | 'streaming' | 'done' | 'fallback' | 'failed';
  text: string;
  missingFigures: string[];
  missingSections: string[];
  /** Sums and dates in the letter that the notes do not contain. */
  addedFigures: string[];
  repeatsInstructions: boolean;
  letterId: string | null;
  /** Whether the letter was requested for an existing client, and so is filed with their case. */
  filedWithClient: boolean;
  message: string | null;
  /** The code of the fallback event behind `message`. */
  code: string | null;
};

const initialLetter: LetterState = { phase: 'idle', text: '', missingFigures: [], missingSections: [], addedFigures: [], repeatsInstructions: false, letterId: null, filedWithClient: false, message: null, code: null };

/** Returns the letter kept in this tab, as its checks and edits were, or null when there is none. */
function restoredLetter(): LetterState | null {
  const stored = readWrittenLetter();
  if (typeof stored !== 'object' || stored === null || typeof (stored as LetterState).text !== 'string') return null;
  return { ...initialLetter, ...(stored as Partial<LetterState>), phase: 'done', message: null, code: null };
}

function applyLetterEvent(state: LetterState, event: LetterStreamEvent): LetterState {
  switch (event.type) {
    case 'delta':
      return { ...state, text: state.text + event.text };
    case 'check':
      return { ...state, missingFigures: event.missingFigures, missingSections: event.missingSections, addedFigures: event.addedFigures, repeatsInstructions: event.repeatsInstructions };
    case 'done':
      return { ...state, phase: 'done', text: event.letter, letterId: event.letterId ?? null };
    case 'fallback':
      return { ...state, phase: 'fallback', message: event.message, code: event.code };
    case 'error':
      return { ...state, phase: 'failed', message: event.message };
  }
}

/** Interview notes in, a plain-English client letter out, streamed and then editable. */
export function LetterWriter() {
  const { draft, update, clear, loaded, saved } = useLetterDraft();
  const [problems, setProblems] = useState<{ clientName?: string; notes?: string }>({});
  const [letter, setLetter] = useState<LetterState>(initialLetter);
  // A letter written in this tab, with the advisor's edits, comes back after a reload, as the notes do.
  useEffect(() => {
    const restored = restoredLetter();
    if (restored) setLetter(restored);
  }, []);
  useEffect(() => {
    if (letter.phase === 'done' && letter.text) storeWrittenLetter(letter);
    else if (letter.phase === 'streaming') storeWrittenLetter(null);
  }, [letter]);
  const [confirmingClear, setConfirmingClear] = useState(false);
  // The picker shares this cached client list, so the chosen client's name is known after a reload too.
  const clients = useQuery({ queryKey: queryKeys.clients, queryFn: fetchClients });
  const pickedName = clients.data?.clients.find((client) => client.id === draft.clientId)?.name ?? '';
  const otherPerson = Boolean(draft.clientId && pickedName && draft.clientName.trim() && !sharesSurname(draft.clientName, pickedName));
  const controller = useRef<AbortController | null>(null);
  const ids = { client: useId(), name: useId(), notes: useId() };
  // Said before the advisor writes the notes, not only after they ask for the letter.
  const health = useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth });
  const textRole = health.data?.models.find((model) => model.role === 'text');
  const textModelDown = textRole !== undefined && (!textRole.reachable || textRole.activeModel === null);

  useEffect(() => () => controller.current?.abort(), []);

  function validate() {
    const found: typeof problems = {};
    if (!draft.clientName.trim()) found.clientName = "Enter the client's name.";
    if (draft.notes.trim().length < MIN_NOTES_CHARACTERS) found.notes = `Paste the interview notes (at least ${MIN_NOTES_CHARACTERS} characters).`;
    setProblems(found);
    return Object.keys(found).length === 0;
  }

  async function write(event: FormEvent) {
    event.preventDefault();
    if (!validate()) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setLetter({ ...initialLetter, phase: 'streaming', filedWithClient: Boolean(draft.clientId) });

    const body = { clientName: draft.clientName.trim(), notes: draft.notes, ...(draft.clientId ? { clientId: draft.clientId } : {}) };
    try {
      for await (const letterEvent of postNdjson<LetterStreamEvent>('/api/letters', body, abort.signal)) {
        setLetter((current) => applyLetterEvent(current, letterEvent));
      }
      // A stream that ends without "done" or "fallback" was cut off; keep what arrived, editable.
      setLetter((current) => (current.phase === 'streaming' ? { ...current, phase: 'failed', message: 'The letter stopped before it was finished. What arrived is below; try again for a complete letter.' } : current));
    } catch (error) {
      if (abort.signal.aborted) setLetter((current) => ({ ...current, phase: current.text ? 'done' : 'idle' }));
      else setLetter((current) => ({ ...current, phase: 'failed', message: errorMessage(error) }));
    }
  }

  const streaming = letter.phase === 'streaming';

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Interview notes" description="What you type here is kept in this tab only, so a reload or Back loses nothing. It is removed when you clear the notes, sign out or close the tab.">
        {textModelDown && (
          <Notice tone="warning" title="Letters cannot be written just now" className="mb-4" data-testid="letter-model-down">
            The text model that writes letters is not available. You can still type the notes: they are kept in this tab, and the letter can be written once the model is
            back. The Status page says what is wrong.
          </Notice>
        )}
        <form onSubmit={write} className="space-y-4" noValidate data-testid="letter-form">
          <Field id={ids.client} label="Existing client (optional)" hint="Fills in the name and files the letter with the client's case.">
            <ClientPicker
              id={ids.client}
              value={draft.clientId}
              onChange={(clientId, client) => update(client ? { clientId, clientName: client.name } : { clientId: '' })}
              emptyLabel="None: type a name below"
              errorTitle="The client list could not be loaded; type the name instead."
              aria-describedby={`${ids.client}-hint`}
              data-testid="letter-client-select"
            />
          </Field>

          <Field id={ids.name} label="Client's name" error={problems.clientName}>
            <TextInput
              id={ids.name}
              value={draft.clientName}
              maxLength={200}
              autoComplete="off"
              onChange={(event) => update({ clientName: event.target.value })}
              {...describedBy(ids.name, { error: problems.clientName })}
              data-testid="letter-client-name"
            />
            {otherPerson && (
              <p className="mt-1 text-sm text-amber-800" role="status" data-testid="letter-name-mismatch">
                This is not the name of the client chosen above, {pickedName}, and the letter will be filed with their case. Choose the right client, or None to file it nowhere.
              </p>
            )}
          </Field>

          <Field id={ids.notes} label="Interview notes" hint="Income, debts with amounts and dates, and what you and the client agreed to do. Press Ctrl+Enter to write the letter." error={problems.notes}>
            <TextArea
              id={ids.notes}
              rows={16}
              value={draft.notes}
              maxLength={MAX_NOTES_CHARACTERS}
              onChange={(event) => update({ notes: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
              }}
              {...describedBy(ids.notes, { hint: true, error: problems.notes })}
              className="font-mono"
              data-testid="letter-notes"
            />
          </Field>
          <p className="text-xs text-slate-600" aria-live="polite">
            {draft.notes.length.toLocaleString('en-GB')} of {MAX_NOTES_CHARACTERS.toLocaleString('en-GB')} characters
            {loaded && !saved && ' · this browser would not save the draft, so copy your notes somewhere safe'}
          </p>

          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={streaming} data-testid="letter-submit">
              Write letter
            </Button>
            {streaming && (
              <Button variant="secondary" onClick={() => controller.current?.abort()}>
                Stop
              </Button>
            )}
            <Button variant="ghost" onClick={() => setConfirmingClear(true)} disabled={!draft.notes && !draft.clientName && !letter.text} data-testid="letter-clear-draft">
              Clear notes
            </Button>
          </div>
        </form>
        <ConfirmDialog
          open={confirmingClear}
          title="Clear the notes?"
          confirmLabel="Clear notes"
          tone="danger"
          onConfirm={() => {
            clear();
            storeWrittenLetter(null);
            setLetter(initialLetter);
            setProblems({});
            setConfirmingClear(false);
          }}
          onCancel={() => setConfirmingClear(false)}
        >
          <p>
            The client&apos;s name, the notes and the letter on this page are removed from this tab. Letters already filed with a client&apos;s case are not affected.
          </p>
        </ConfirmDialog>
      </Card>

      <Card title="Letter">
        <LetterOutput letter={letter} clientName={draft.clientName} onEdit={(text) => setLetter((current) => ({ ...current, text }))} />
      </Card>
    </div>
  );
}

function LetterOutput({ letter, clientName, onEdit }: { letter: LetterState; clientName: string; onEdit: (text: string) => void }) {
  const editorId = useId();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(letter.text);
      setCopyStatus('Copied to the clipboard.');
    } catch {
      // Outside a secure context (plain http on a network address) the Clipboard API is missing.
      editor.current?.select();
      setCopyStatus('Copying was blocked by the browser. The letter is selected: press Ctrl+C to copy it.');
    }
  }

  function download() {
    const blob = new Blob([letter.text], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = datedFilename('letter', clientName, 'txt');
    link.click();
    URL.revokeObjectURL(url);
  }

  if (letter.phase === 'idle' && !letter.text) {
    return <p className="text-sm text-slate-600">The letter appears here as it is written: three parts, the client&apos;s situation, what we will do, and what they should do.</p>;
  }

  const editable = letter.phase !== 'streaming' && letter.text.length > 0;
  return (
    <div className="space-y-3" data-testid="letter-output" data-phase={letter.phase}>
      {letter.phase === 'fallback' && <ModelFallbackNotice title="The letter could not be written" code={letter.code} message={letter.message} screen="letter" role="alert" data-testid="letter-fallback" />}
      {letter.phase === 'failed' && <ErrorMessage error={letter.message} title="The letter could not be written." data-testid="letter-error" />}
      <LetterCheck missingFigures={letter.missingFigures} missingSections={letter.missingSections} addedFigures={letter.addedFigures} repeatsInstructions={letter.repeatsInstructions} />

      {letter.phase === 'streaming' && (
        <div aria-live="polite" aria-busy="true" className="min-h-40 whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 font-serif text-sm leading-relaxed" data-testid="letter-stream">
          {letter.text || 'Writing…'}
        </div>
      )}

      {editable && (
        <>
          <div>
            <label htmlFor={editorId} className="mb-1 block text-sm font-medium text-slate-800">
              Letter (you can edit it before copying)
            </label>
            <TextArea id={editorId} ref={editor} rows={22} value={letter.text} onChange={(event) => onEdit(event.target.value)} className="font-serif leading-relaxed" data-testid="letter-editor" />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => void copy()} data-testid="letter-copy">
              Copy
            </Button>
            <Button variant="secondary" onClick={download} data-testid="letter-download">
              Download .txt
            </Button>
            <span role="status" className="text-sm text-emerald-800" data-testid="letter-copy-status">
              {copyStatus}
            </span>
          </div>
          {letter.letterId && (
            <p className="text-xs text-slate-500" data-letter-id={letter.letterId}>
              {letter.filedWithClient
                ? "The letter as written is filed with the client's case, under Letters on the client's page."
                : 'Choose an existing client to file the letter with their case; without one it is kept in this tab only.'}{' '}
              Your edits are kept in this tab until you clear the notes or sign out: copy or download the letter to keep it.
            </p>
          )}
        </>
      )}
    </div>
  );
}
