import { Alert, Anchor, Button, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { t as translate } from '../i18n/setup-i18n';

/** The signed-in user's API keys: each acts as them, for scripts and integrations. */
export function ApiKeysPage() {
  const { me } = useSession();
  const { t } = useTranslation();
  const apiKeys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKey | undefined>();
  const [revoking, setRevoking] = useState<ApiKey | undefined>();
  const revoke = useApiMutation((id: string) => del(`/api/api-keys/${id}`), [keys.apiKeys, keys.auditLog]);

  const columns: ListColumn<ApiKey>[] = [
    {
      key: 'name',
      header: t('apiKeys.name'),
      sortValue: (apiKey) => apiKey.name,
      render: (apiKey) => (
        <Text size="sm" fw={500} truncate maw={360} title={apiKey.name}>
          {apiKey.name}
        </Text>
      ),
    },
    {
      key: 'key',
      header: t('apiKeys.key'),
      width: 150,
      render: (apiKey) => (
        <Text ff="monospace" fz={12.5} c="dimmed">
          sbk_…{apiKey.keyHint}
        </Text>
      ),
    },
    {
      key: 'created',
      header: t('apiKeys.created'),
      width: 210,
      sortValue: (apiKey) => apiKey.createdAt,
      render: (apiKey) => <Text size="sm">{formatDateTime(apiKey.createdAt)}</Text>,
    },
    { ...lastUsedColumn(), width: 210 },
    expiryColumn(),
    revokeColumn(setRevoking),
  ];

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={
          <Trans
            i18nKey="apiKeys.description"
            values={{ email: me.email }}
            components={{ code: <Code />, link: <Anchor href="/api/docs" /> }}
          />
        }
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setCreating(true)} data-testid="new-api-key">
            {t('apiKeys.newKey')}
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
        noun={t('apiKeys.noun')}
        rowProps={() => ({ 'data-testid': 'api-key-row' })}
        empty={
          <EmptyState
            icon={KeyRound}
            title={t('apiKeys.noneYet')}
            action={<Button onClick={() => setCreating(true)}>{t('apiKeys.createOne')}</Button>}
          >
            {t('apiKeys.onePerScript')}
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
            <Text fw={600}>{t('apiKeys.keyTitle', { name: created?.name ?? '' })}</Text>
          </Group>
        }
        size="lg"
        centered
        closeOnClickOutside={false}
      >
        {created?.key && (
          <Stack>
            <Alert color="yellow" variant="light">
              {t('apiKeys.copyNow')}
            </Alert>
            <CopyField label={t('apiKeys.key')} value={created.key} testId="new-api-key-value" />
            <CopyField
              label={t('apiKeys.tryIt')}
              value={`curl -H "Authorization: Bearer ${created.key}" ${window.location.origin}/api/auth/me`}
            />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(undefined)}>{t('apiKeys.haveCopied')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmModal
        opened={revoking !== undefined}
        title={t('apiKeys.revokeTitle')}
        confirmLabel={t('apiKeys.revokeKey')}
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
              notifications.show({ color: 'teal', message: t('apiKeys.revoked', { name: revoking.name }) });
              setRevoking(undefined);
            },
          })
        }
      >
        <Trans
          i18nKey="apiKeys.revokeText"
          values={{ name: revoking?.name ?? '', hint: revoking?.keyHint ?? '' }}
          components={{ b: <b /> }}
        />
      </ConfirmModal>
    </>
  );
}

/** Called while rendering, so the words follow the UI's language. */
const expiryChoices = () => [
  { value: 'never', label: translate('apiKeys.expiry.never') },
  { value: '30', label: translate('apiKeys.expiry.days30') },
  { value: '90', label: translate('apiKeys.expiry.days90') },
  { value: '365', label: translate('apiKeys.expiry.year') },
  { value: 'date', label: translate('apiKeys.expiry.date') },
];

/** The chosen expiry as the API takes it; undefined for none, null when the date is still missing. */
function expiresAtOf(choice: string, date: string | null): string | null | undefined {
  if (choice === 'never') return undefined;
  if (choice === 'date') return date ? new Date(date.replace(' ', 'T')).toISOString() : null;
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

function CreateKeyModal({ onClose, onCreated }: { onClose(): void; onCreated(apiKey: ApiKey): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('never');
  const [date, setDate] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const create = useApiMutation(
    (body: { name: string; expiresAt?: string }) => post<ApiKey>('/api/api-keys', body),
    [keys.apiKeys, keys.auditLog],
  );
  const tooLong = name.length > 200 ? t('apiKeys.atMost') : undefined;
  const expiresAt = expiresAtOf(expiry, date);
  const dateProblem =
    expiresAt === null
      ? submitted
        ? t('apiKeys.chooseDate')
        : undefined
      : expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()
        ? t('apiKeys.inFuture')
        : undefined;
  return (
    <FormModal
      title={t('apiKeys.newKey')}
      submitLabel={t('apiKeys.createKey')}
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
        label={t('apiKeys.name')}
        description={t('apiKeys.nameDescription')}
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={tooLong ?? fieldError(create.error, 'name')}
      />
      <Select
        label={t('apiKeys.expires')}
        description={t('apiKeys.expiresDescription')}
        data={expiryChoices()}
        value={expiry}
        onChange={(value) => setExpiry(value ?? 'never')}
        allowDeselect={false}
        data-testid="api-key-expiry"
        error={expiry === 'date' ? undefined : fieldError(create.error, 'expiresAt')}
      />
      {expiry === 'date' && (
        <DateTimePicker
          label={t('apiKeys.stopsAt')}
          placeholder={t('apiKeys.pickDate')}
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
