import { ActionIcon, Alert, Anchor, Button, Code, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { del, keys, post, useApiKeys, useApiMutation } from '../api/queries';
import type { ApiKey } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { CopyField } from '../common/copy-field';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { ListTable, type ListColumn } from '../common/list-table';
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
    {
      key: 'used',
      header: 'Last used',
      width: 210,
      sortValue: (apiKey) => apiKey.lastUsedAt ?? '',
      render: (apiKey) =>
        apiKey.lastUsedAt ? (
          <Text size="sm">{formatDateTime(apiKey.lastUsedAt)}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ),
    },
    {
      key: 'actions',
      header: '',
      width: 56,
      cellProps: { ta: 'right' },
      render: (apiKey) => (
        <Tooltip label="Revoke">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Revoke ${apiKey.name}`}
            onClick={() => setRevoking(apiKey)}
          >
            <Trash2 size={15} />
          </ActionIcon>
        </Tooltip>
      ),
    },
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

function CreateKeyModal({ onClose, onCreated }: { onClose(): void; onCreated(apiKey: ApiKey): void }) {
  const [name, setName] = useState('');
  const create = useApiMutation(
    (body: { name: string }) => post<ApiKey>('/api/api-keys', body),
    [keys.apiKeys, keys.auditLog],
  );
  const tooLong = name.length > 200 ? 'At most 200 characters' : undefined;
  return (
    <FormModal
      title="New API key"
      submitLabel="Create key"
      onClose={onClose}
      loading={create.isPending}
      error={create.error}
      fields={['name']}
      onSubmit={() => !tooLong && create.mutate({ name: name.trim() }, { onSuccess: onCreated })}
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
    </FormModal>
  );
}
