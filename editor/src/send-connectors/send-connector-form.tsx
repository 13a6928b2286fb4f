import { UsedByPanel } from '../common/used-by-list';
import {
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sendDrivers, type DriverField } from '../../../contract/send-drivers';
import { SEND_PLACEHOLDERS } from '../../../contract/send-templates';
import { ApiError } from '../api/http';
import { keys, patch, post } from '../api/queries';
import { SEND_DRIVERS, type SendConnector, type SendDriverName } from '../api/types';
import { useCheckedForm } from '../common/form-modal';
import { ErrorAlert } from '../common/page';
import { requiredTextProblem } from '../common/validation';
import {
  emptyCredentials,
  formFieldOf,
  sendConnectorBody,
  settingsValuesOf,
  valuesOf,
  type SendConnectorValues,
} from './send-connector-body';

const PLACEHOLDERS = SEND_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');

export function SendConnectorForm({
  clientId,
  connector,
  onClose,
}: {
  clientId: string;
  connector: SendConnector | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useCheckedForm<SendConnectorValues>(valuesOf(connector), {
    name: (value) =>
      requiredTextProblem(value, 200, {
        empty: t('sendConnectors.giveName'),
        tooLong: t('connectors.form.atMost', { max: 200 }),
      }),
  });
  const driver = form.values.driver;
  const declaration = sendDrivers[driver];
  const shown = [
    'name',
    'defaultSender',
    'ratePerSecond',
    ...Object.keys(declaration.settingsFields).map((name) => `settings.${name}`),
    ...Object.keys(declaration.credentialFields).map((name) => `credentials.${name}`),
    'credentials',
  ];

  const save = useMutation({
    mutationFn: (values: SendConnectorValues) => {
      const body = sendConnectorBody(values, connector);
      return connector
        ? patch<SendConnector>(`/api/send-connectors/${connector.id}`, body)
        : post<SendConnector>('/api/send-connectors', { ...body, clientId });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.sendConnectors(clientId) });
      notifications.show({
        color: 'teal',
        message: connector
          ? t('sendConnectors.saved', { name: saved.name })
          : t('sendConnectors.created', { name: saved.name }),
      });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field && shown.includes(formFieldOf(error.field)))
        form.setFieldError(formFieldOf(error.field), error.fieldMessage);
    },
  });
  const unplaced =
    save.error instanceof ApiError && save.error.field && shown.includes(formFieldOf(save.error.field))
      ? undefined
      : save.error;

  const chooseDriver = (value: string | null) => {
    if (!value) return;
    const next = value as SendDriverName;
    form.setValues({ driver: next, settings: settingsValuesOf(next), credentials: emptyCredentials(next) });
  };

  const fieldInput = (group: 'settings' | 'credentials', name: string, field: DriverField) => {
    const path = `${group}.${name}`;
    const props = form.getInputProps(path);
    const required = !field.schema.safeParse(undefined).success;
    const stored = group === 'credentials' && connector?.hasCredentials;
    const common = {
      key: `${driver}-${path}`,
      label: t(field.label),
      description: field.description ? t(field.description, { placeholders: PLACEHOLDERS }) : undefined,
      withAsterisk: required && !stored,
      name: path,
      'data-testid': `send-connector-${group}-${name}`,
      ...props,
    };
    if (group === 'credentials') {
      const placeholder = stored ? t('sendConnectors.credentialsStored') : undefined;
      if (field.input === 'lines')
        return <Textarea {...common} placeholder={placeholder} autosize minRows={2} autoComplete="off" />;
      if (field.input === 'secret')
        return <PasswordInput {...common} placeholder={placeholder} autoComplete="new-password" />;
      return <TextInput {...common} placeholder={placeholder} autoComplete="off" />;
    }
    if (field.input === 'select') return <Select {...common} data={[...(field.options ?? [])]} allowDeselect={false} />;
    if (field.input === 'textarea' || field.input === 'lines')
      return <Textarea {...common} autosize minRows={field.input === 'lines' ? 2 : 3} ff="monospace" />;
    return <TextInput {...common} />;
  };

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={520}
      title={
        <Text fw={600}>
          {connector ? t('sendConnectors.editTitle', { name: connector.name }) : t('sendConnectors.newTitle')}
        </Text>
      }
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="send-connector-form">
        <Stack gap="md">
          <ErrorAlert error={unplaced} title={t('sendConnectors.notSaved')} />
          <TextInput
            label={t('sendConnectors.name')}
            required
            placeholder={t('sendConnectors.namePlaceholder')}
            {...form.getInputProps('name')}
            name="name"
          />
          <Select
            label={t('sendConnectors.driver')}
            data={SEND_DRIVERS.map((name) => ({ value: name, label: t(sendDrivers[name].label) }))}
            value={driver}
            onChange={chooseDriver}
            disabled={connector !== undefined}
            allowDeselect={false}
            data-testid="send-connector-driver"
          />
          <TextInput
            label={t('sendConnectors.defaultSender')}
            description={t('sendConnectors.defaultSenderDescription')}
            placeholder="+49301234567"
            {...form.getInputProps('defaultSender')}
            name="defaultSender"
          />
          <NumberInput
            label={t('sendConnectors.ratePerSecond')}
            description={t('sendConnectors.ratePerSecondDescription')}
            min={1}
            max={1000}
            allowDecimal={false}
            {...form.getInputProps('ratePerSecond')}
            name="ratePerSecond"
          />
          <Divider />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('sendConnectors.settings')}
          </Text>
          {Object.entries(declaration.settingsFields).map(([name, field]) => fieldInput('settings', name, field))}
          <Divider />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('sendConnectors.credentials')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('sendConnectors.credentialsDescription')}{' '}
            {connector && !connector.hasCredentials ? t('sendConnectors.credentialsNone') : null}
          </Text>
          {Object.entries(declaration.credentialFields).map(([name, field]) => fieldInput('credentials', name, field))}
          {connector?.hasCredentials && (
            <Checkbox
              label={t('sendConnectors.removeCredentials')}
              {...form.getInputProps('removeCredentials', { type: 'checkbox' })}
            />
          )}
          {connector && <UsedByPanel path={`/api/send-connectors/${connector.id}`} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="send-connector-save">
              {connector ? t('sendConnectors.save') : t('sendConnectors.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
