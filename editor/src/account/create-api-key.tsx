import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, post } from '../api/queries';
import type { ApiKey } from '../api/types';
import { CopyField } from '../common/copy-field';
import { FormModal, useModalForm } from '../common/form-modal';
import { t as translate } from '../i18n/setup-i18n';

/** Creating one's own API key: its name and expiry, then the key, shown this once. */
export function CreateApiKey({ onClose }: { onClose(): void }) {
  const [created, setCreated] = useState<ApiKey | undefined>();
  return created ? (
    <NewKeyModal apiKey={created} onClose={onClose} />
  ) : (
    <CreateKeyModal onClose={onClose} onCreated={setCreated} />
  );
}

/** The new key, once: to copy now, with a command to try it. */
function NewKeyModal({ apiKey, onClose }: { apiKey: ApiKey; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Group gap={8}>
          <KeyRound size={18} />
          <Text fw={600}>{t('apiKeys.keyTitle', { name: apiKey.name })}</Text>
        </Group>
      }
      size="lg"
      centered
      closeOnClickOutside={false}
    >
      {apiKey.key && (
        <Stack>
          <Alert color="yellow" variant="light">
            {t('apiKeys.copyNow')}
          </Alert>
          <CopyField label={t('apiKeys.key')} value={apiKey.key} testId="new-api-key-value" />
          <CopyField
            label={t('apiKeys.tryIt')}
            value={`curl -H "Authorization: Bearer ${apiKey.key}" ${window.location.origin}/api/auth/me`}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('apiKeys.haveCopied')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
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

interface KeyValues {
  name: string;
  /** `never`, a number of days, or `date`. */
  expiry: string;
  date: string | null;
}

function CreateKeyModal({ onClose, onCreated }: { onClose(): void; onCreated(apiKey: ApiKey): void }) {
  const { t } = useTranslation();
  const { form, errorOf, modal } = useModalForm<KeyValues, ApiKey>({
    initialValues: { name: '', expiry: 'never', date: null },
    validate: {
      name: (value) => (value.length > 200 ? t('apiKeys.atMost') : null),
      date: (value, all) => {
        const expiresAt = expiresAtOf(all.expiry, value);
        if (expiresAt === null) return t('apiKeys.chooseDate');
        return expiresAt !== undefined && Date.parse(expiresAt) <= Date.now() ? t('apiKeys.inFuture') : null;
      },
    },
    save: (v) => {
      const expiresAt = expiresAtOf(v.expiry, v.date);
      return post<ApiKey>('/api/api-keys', { name: v.name.trim(), ...(expiresAt ? { expiresAt } : {}) });
    },
    invalidate: [keys.apiKeys, keys.auditLog],
    fields: ['name', 'expiresAt'],
    onSaved: onCreated,
  });
  const onDate = form.getValues().expiry === 'date';
  return (
    <FormModal title={t('apiKeys.newKey')} submitLabel={t('apiKeys.createKey')} onClose={onClose} {...modal}>
      <TextInput
        label={t('apiKeys.name')}
        description={t('apiKeys.nameDescription')}
        required
        data-autofocus
        {...form.getInputProps('name')}
        error={errorOf('name')}
      />
      <Select
        label={t('apiKeys.expires')}
        description={t('apiKeys.expiresDescription')}
        data={expiryChoices()}
        {...form.getInputProps('expiry')}
        allowDeselect={false}
        data-testid="api-key-expiry"
        error={onDate ? undefined : errorOf('expiresAt')}
      />
      {onDate && (
        <DateTimePicker
          label={t('apiKeys.stopsAt')}
          placeholder={t('apiKeys.pickDate')}
          required
          {...form.getInputProps('date')}
          minDate={new Date()}
          valueFormat="YYYY-MM-DD HH:mm"
          error={errorOf('date') ?? errorOf('expiresAt')}
          data-testid="api-key-expiry-date"
        />
      )}
    </FormModal>
  );
}
