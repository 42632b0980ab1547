'use client';

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Select, TextInput } from '@/components/ui/Field';
import { Notice } from '@/components/ui/Notice';
import { sendJson } from '@/lib/client/api';
import { correctionBody, correctionFields, currentValues, fieldLabels, formatFieldValue, type CorrectionBody, type CorrectionValues } from '@/lib/client/debt-corrections';
import { documentTypeLabels } from '@/lib/client/format';
import { queryKeys, refreshAfterDebtChange } from '@/lib/client/queries';
import type { Debt, DebtChangeResponse, DebtField, DebtsResponse } from '@/lib/client/types';
import { LockedMark } from './LockedMark';

type LockChange = { field: DebtField; lock: boolean };

/** Puts the changed debt into the cached list at once, then reloads the list for the totals, the proposals and the graph. */
async function storeChangedDebt(queryClient: QueryClient, debt: Debt) {
  queryClient.setQueryData<DebtsResponse>(queryKeys.debts(debt.clientId), (list) => (list ? { ...list, debts: list.debts.map((item) => (item.id === debt.id ? debt : item)) } : list));
  await refreshAfterDebtChange(queryClient, debt.clientId);
}

/** Joins phrases as a reader lists them: "a", "a and b", "a, b and c". */
function listed(phrases: string[]): string {
  return phrases.length <= 1 ? phrases.join('') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

/**
 * Returns the sentence after a save, repeating what was stored so that a mistyped value shows at
 * once, e.g. "Saved amount owed as £147.96. It is now locked."
 */
function savedSentence(fields: DebtField[], debt: Debt): string {
  const values = listed(fields.map((field) => `${fieldLabels[field].toLowerCase()} as ${formatFieldValue(field, debt[field])}`));
  return `Saved ${values}. ${fields.length > 1 ? 'They are' : 'It is'} now locked.`;
}

/**
 * Lets the advisor correct a debt's fields and lock or unlock each one. A corrected field is locked,
 * so later letters do not change it, and the form shows what the letters printed beside it.
 * Unlocking a field makes it follow the letters again.
 */
export function DebtCorrections({ debt }: { debt: Debt }) {
  const queryClient = useQueryClient();
  const formId = useId();
  const url = `/api/clients/${debt.clientId}/debts/${debt.id}`;
  const organisations = organisationNames(queryClient.getQueryData<DebtsResponse>(queryKeys.debts(debt.clientId))?.debts ?? [debt]);
  const [edits, setEdits] = useState<Partial<CorrectionValues>>({});
  const [errors, setErrors] = useState<Partial<Record<DebtField, string>>>({});
  const [result, setResult] = useState<{ text: string; graphUpdated: boolean } | null>(null);
  const values: CorrectionValues = { ...currentValues(debt), ...edits };
  // Invalid values enable Save too, so that saving shows what to fix.
  const draft = correctionBody(debt, values);
  const canSave = Object.keys(draft.body).length > 0 || Object.keys(draft.errors).length > 0;

  const save = useMutation({
    mutationFn: (body: CorrectionBody) => sendJson<DebtChangeResponse>('PATCH', url, body),
    onSuccess: async (response, body) => {
      setEdits({});
      setResult({ text: savedSentence(Object.keys(body) as DebtField[], response.debt), graphUpdated: response.graphUpdated });
      await storeChangedDebt(queryClient, response.debt);
    },
  });

  const toggleLock = useMutation({
    mutationFn: ({ field, lock }: LockChange) => sendJson<DebtChangeResponse>('PATCH', url, lock ? { lock: [field] } : { unlock: [field] }),
    onSuccess: async (response, { field, lock }) => {
      setResult({ text: lock ? `${fieldLabels[field]} locked: later letters will not change it.` : `${fieldLabels[field]} unlocked: it follows the letters again.`, graphUpdated: response.graphUpdated });
      await storeChangedDebt(queryClient, response.debt);
    },
  });

  function edit(field: DebtField, value: string) {
    setEdits((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setResult(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const { body, errors: found } = correctionBody(debt, values);
    setErrors(found);
    if (Object.keys(found).length > 0 || Object.keys(body).length === 0) return;
    save.mutate(body);
  }

  return (
    <section aria-labelledby={`${formId}-heading`} data-testid="debt-corrections">
      <h3 id={`${formId}-heading`} className="text-sm font-semibold text-slate-800">
        Corrections
      </h3>
      <p className="mt-1 text-xs text-slate-600">A value you correct is locked, so later letters do not change it. Lock a value to keep it as it is; unlock it to follow the letters again.</p>

      <form onSubmit={submit} noValidate className="mt-3 space-y-3" data-testid="debt-correction-form">
        {correctionFields.map(({ field, label }) => {
          const inputId = `${formId}-${field}`;
          const locked = debt.lockedFields.includes(field);
          const extracted = field in debt.extracted ? formatFieldValue(field, debt.extracted[field]) : null;
          const showExtracted = locked && extracted !== null && extracted !== formatFieldValue(field, debt[field]);
          const error = errors[field];
          return (
            <div key={field} className="grid gap-1 sm:grid-cols-[10rem_1fr_auto] sm:items-start sm:gap-3" data-testid={`debt-field-${field}`} data-locked={locked}>
              <label htmlFor={inputId} className="pt-2 text-sm font-medium text-slate-800">
                {label}
                {locked && <LockedMark field={field} />}
              </label>
              <div>
                <FieldInput
                  id={inputId}
                  field={field}
                  value={values[field]}
                  invalid={Boolean(error)}
                  describedBy={[error ? `${inputId}-error` : null, showExtracted ? `${inputId}-extracted` : null]}
                  suggestions={organisationFields.has(field) ? `${formId}-organisations` : undefined}
                  onChange={(value) => edit(field, value)}
                />
                {showExtracted && (
                  <p id={`${inputId}-extracted`} className="mt-1 text-xs text-slate-600" data-testid={`debt-extracted-${field}`}>
                    {debt.extracted[field] === null ? 'No letter gives a value. Unlocking clears it.' : `The letters say ${extracted}. Unlocking goes back to it.`}
                  </p>
                )}
                {error && (
                  <p id={`${inputId}-error`} className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                )}
              </div>
              <Button
                variant="ghost"
                size="sm"
                className="sm:mt-1"
                disabled={field in edits || toggleLock.isPending || save.isPending}
                busy={toggleLock.isPending && toggleLock.variables?.field === field}
                title={field in edits ? 'Save or undo your change first.' : undefined}
                onClick={() => toggleLock.mutate({ field, lock: !locked })}
                aria-label={`${locked ? 'Unlock' : 'Lock'} ${label.toLowerCase()}`}
                data-testid={`debt-lock-${field}`}
              >
                {locked ? 'Unlock' : 'Lock'}
              </Button>
            </div>
          );
        })}

        <datalist id={`${formId}-organisations`}>
          {organisations.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>

        <div className="flex flex-wrap items-center gap-2 pt-1">
          <Button type="submit" size="sm" busy={save.isPending} disabled={!canSave || toggleLock.isPending} data-testid="debt-corrections-save">
            Save corrections
          </Button>
          {Object.keys(edits).length > 0 && (
            <Button variant="secondary" size="sm" onClick={() => { setEdits({}); setErrors({}); }} disabled={save.isPending} data-testid="debt-corrections-reset">
              Undo changes
            </Button>
          )}
        </div>
      </form>

      {save.isError && <ErrorMessage error={save.error} title="The corrections could not be saved." className="mt-3" />}
      {toggleLock.isError && <ErrorMessage error={toggleLock.error} title="The lock could not be changed." className="mt-3" />}
      {result && (
        <Notice tone={result.graphUpdated ? 'success' : 'warning'} className="mt-3" data-testid="debt-corrections-result">
          {result.text}
          {!result.graphUpdated && ' The graph could not be updated just now; it catches up with the next change to this client.'}
        </Notice>
      )}
    </section>
  );
}

/** Fields that name an organisation, which the form offers to fill from the client's other debts. */
const organisationFields = new Set<DebtField>(['creditor', 'originalCreditor', 'collectingAgent']);

/** Returns the organisations the client's debts name, so a correction can reuse one exactly. */
function organisationNames(debts: Debt[]): string[] {
  const names = debts.flatMap((debt) => [debt.creditor, debt.originalCreditor, debt.collectingAgent]).filter((name): name is string => Boolean(name));
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

type FieldInputProps = { id: string; field: DebtField; value: string; invalid: boolean; describedBy: (string | null)[]; suggestions?: string; onChange: (value: string) => void };

function FieldInput({ id, field, value, invalid, describedBy, suggestions, onChange }: FieldInputProps) {
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy.filter(Boolean).join(' ') || undefined, 'data-testid': `debt-input-${field}` };

  if (field === 'priority') {
    return (
      <Select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Not classified</option>
        <option value="true">Priority</option>
        <option value="false">Non-priority</option>
      </Select>
    );
  }
  if (field === 'documentType') {
    return (
      <Select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        {Object.entries(documentTypeLabels).map(([type, label]) => (
          <option key={type} value={type}>
            {label}
          </option>
        ))}
      </Select>
    );
  }
  if (field === 'asOfDate') return <TextInput {...common} type="date" value={value} onChange={(event) => onChange(event.target.value)} />;
  return <TextInput {...common} inputMode={field === 'amount' ? 'decimal' : undefined} list={suggestions} autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />;
}
