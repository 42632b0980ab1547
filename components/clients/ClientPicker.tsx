'use client';

import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Select } from '@/components/ui/Field';
import { fetchClients, queryKeys } from '@/lib/client/queries';
import type { ClientView } from '@/lib/client/types';

type ClientPickerProps = Omit<ComponentProps<typeof Select>, 'value' | 'onChange' | 'children'> & {
  /** The chosen client's id, or '' for the first option. */
  value: string;
  /** Receives the chosen id ('' for the first option) and the client it names. */
  onChange: (clientId: string, client: ClientView | undefined) => void;
  /** Text of the first option, which chooses no single client: "All clients", "Any client" or similar. */
  emptyLabel: string;
  /** Heading of the message shown when the client list cannot be loaded. */
  errorTitle: string;
};

/**
 * Renders a select of the clients the user may open, loaded once and shared by every screen that
 * lists them. It is disabled until the list arrives, so a chosen id is never shown as the empty option.
 */
export function ClientPicker({ value, onChange, emptyLabel, errorTitle, disabled, ...rest }: ClientPickerProps) {
  const clients = useQuery({ queryKey: queryKeys.clients, queryFn: fetchClients });

  function choose(clientId: string) {
    onChange(clientId, clients.data?.clients.find((client) => client.id === clientId));
  }

  // A chosen id missing from the list, such as an erased client's in the audit log, keeps an option of its own.
  const unknown = value !== '' && clients.data !== undefined && !clients.data.clients.some((client) => client.id === value);

  return (
    <>
      <Select value={value} onChange={(event) => choose(event.target.value)} disabled={disabled || !clients.data} {...rest}>
        <option value="">{clients.isPending ? 'Loading clients…' : emptyLabel}</option>
        {unknown && <option value={value}>Client no longer on record ({value.slice(0, 8)}…)</option>}
        {clients.data?.clients.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
          </option>
        ))}
      </Select>
      {clients.isError && <ErrorMessage error={clients.error} title={errorTitle} className="mt-2" data-testid="client-picker-error" />}
    </>
  );
}
