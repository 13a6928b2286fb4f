import { Alert, Anchor, Button, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { del, keys, post, useApiKeys, useApiMutation } from '../api/queries';
import type { ApiKey } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { CopyField } from '../common/copy-field';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { ListTable, type ListColumn } from '../common/list-table';
import { expiryColumn, lastUsedColumn, revokeColumn } from './api-key-columns';
import { EmptyState, ErrorAlert, fieldError, PageHeader } from '../common/page';
import { useSession } from '../shell/session';

/** The signed-in user's API keys: each acts as them, for scripts and integrations. */
export function ApiKeysPage() {
  const { me } = useSession();
  const apiKeys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKey | undefined>();
  const [revoking, setRevoking] = useState<ApiKey | undefined>();
  const revoke = useApiMutation((id: string) => del(`/api/api-keys/${id}`), [keys.apiKeys, keys.auditLog]);

  const columns: ListColumn<ApiKey>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (apiKey) => apiKey.name,
      render: (apiKey) => (
        <Text size="sm" fw={500} truncate maw={360} title={apiKey.name}>
          {apiKey.name}
        </Text>
      ),
    },
    {
      key: 'key',
      header: 'Key',
      width: 150,
      render: (apiKey) => (
        <Text ff="monospace" fz={12.5} c="dimmed">
          sbk_…{apiKey.keyHint}
        </Text>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      width: 210,
      sortValue: (apiKey) => apiKey.createdAt,
      render: (apiKey) => <Text size="sm">{formatDateTime(apiKey.createdAt)}</Text>,
    },
    { ...lastUsedColumn, width: 210 },
    expiryColumn,
    revokeColumn(setRevoking),
  ];

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            A key acts as you ({me.email}) with your role, for scripts and integrations: send it as{' '}
            <Code>Authorization: Bearer sbk_…</Code>. See the <Anchor href="/api/docs">API reference</Anchor>.
          </>
        }
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setCreating(true)} data-testid="new-api-key">
            New API key
          </Button>
        }
      />
      <ErrorAlert error={apiKeys.error} onRetry={() => void apiKeys.refetch()} />
      <ListTable
        items={apiKeys.data}
        columns={columns}
        rowKey={(apiKey) => apiKey.id}
        loading={apiKeys.isPending}
        initialSort={{ key: 'created', direction: 'desc' }}
        pageSize={25}
        noun="keys"
        rowProps={() => ({ 'data-testid': 'api-key-row' })}
        empty={
          <EmptyState
            icon={KeyRound}
            title="No API keys yet"
            action={<Button onClick={() => setCreating(true)}>Create an API key</Button>}
          >
            Create one key per script or integration, so you can revoke one without breaking the others.
          </EmptyState>
        }
      />
      {creating && (
        <CreateKeyModal
          onClose={() => setCreating(false)}
          onCreated={(apiKey) => {
            setCreating(false);
            setCreated(apiKey);
          }}
        />
      )}
      <Modal
        opened={created !== undefined}
        onClose={() => setCreated(undefined)}
        title={
          <Group gap={8}>
            <KeyRound size={18} />
            <Text fw={600}>API key “{created?.name}”</Text>
          </Group>
        }
        size="lg"
        centered
        closeOnClickOutside={false}
      >
        {created?.key && (
          <Stack>
            <Alert color="yellow" variant="light">
              Copy the key now: it is shown only this once. Anyone with it acts as you.
            </Alert>
            <CopyField label="Key" value={created.key} testId="new-api-key-value" />
            <CopyField
              label="Try it"
              value={`curl -H "Authorization: Bearer ${created.key}" ${window.location.origin}/api/auth/me`}
            />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(undefined)}>I have copied the key</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmModal
        opened={revoking !== undefined}
        title="Revoke API key"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          revoke.reset();
          setRevoking(undefined);
        }}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `API key “${revoking.name}” revoked` });
              setRevoking(undefined);
            },
          })
        }
      >
        Scripts using <b>{revoking?.name}</b> (ending in {revoking?.keyHint}) get 401 from now on. Revoke it?
      </ConfirmModal>
    </>
  );
}

const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never (until revoked)' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
];

/** The chosen expiry as the API takes it; undefined for none, null when the date is still missing. */
function expiresAtOf(choice: string, date: string | null): string | null | undefined {
  if (choice === 'never') return undefined;
  if (choice === 'date') return date ? new Date(date.replace(' ', 'T')).toISOString() : null;
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

function CreateKeyModal({ onClose, onCreated }: { onClose(): void; onCreated(apiKey: ApiKey): void }) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('never');
  const [date, setDate] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const create = useApiMutation(
    (body: { name: string; expiresAt?: string }) => post<ApiKey>('/api/api-keys', body),
    [keys.apiKeys, keys.auditLog],
  );
  const tooLong = name.length > 200 ? 'At most 200 characters' : undefined;
  const expiresAt = expiresAtOf(expiry, date);
  const dateProblem =
    expiresAt === null
      ? submitted
        ? 'Choose the date and time it stops working'
        : undefined
      : expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()
        ? 'Must be in the future'
        : undefined;
  return (
    <FormModal
      title="New API key"
      submitLabel="Create key"
      onClose={onClose}
      loading={create.isPending}
      error={create.error}
      fields={['name', 'expiresAt']}
      onSubmit={() => {
        setSubmitted(true);
        if (tooLong || expiresAt === null || dateProblem) return;
        create.mutate(
          { name: name.trim(), ...(expiresAt !== undefined ? { expiresAt } : {}) },
          { onSuccess: onCreated },
        );
      }}
    >
      <TextInput
        label="Name"
        description="What uses it, e.g. “CRM sync” or “Nightly export”."
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={tooLong ?? fieldError(create.error, 'name')}
      />
      <Select
        label="Expires"
        description="An expired key gets 401, as a revoked one does. A key for a one-off job need not live forever."
        data={EXPIRY_CHOICES}
        value={expiry}
        onChange={(value) => setExpiry(value ?? 'never')}
        allowDeselect={false}
        data-testid="api-key-expiry"
        error={expiry === 'date' ? undefined : fieldError(create.error, 'expiresAt')}
      />
      {expiry === 'date' && (
        <DateTimePicker
          label="Stops working at"
          placeholder="Pick a date and time"
          required
          value={date}
          onChange={setDate}
          minDate={new Date()}
          valueFormat="YYYY-MM-DD HH:mm"
          error={dateProblem ?? fieldError(create.error, 'expiresAt')}
          data-testid="api-key-expiry-date"
        />
      )}
    </FormModal>
  );
}
