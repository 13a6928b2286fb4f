import {
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toE164 } from '../../../contract/phone-number';
import { ApiError } from '../api/http';
import { keys, patch, post, useAcdGroups, useApplications, useSendConnectors } from '../api/queries';
import type { Connector, RoutingType } from '../api/types';
import { useCheckedForm } from '../common/form-modal';
import { ErrorAlert } from '../common/page';
import { requiredTextProblem } from '../common/validation';
import { MULTIPART_WINDOW, providerBody, providerValuesOf, type ProviderValues } from './provider-body';
import { ProviderFields } from './provider-fields';
import { deliversPartsSeparately, isSigning } from './providers';

interface Values extends ProviderValues {
  name: string;
  recipient: string;
  requireToken: boolean;
  generateNewToken: boolean;
  routingType: RoutingType;
  acdGroupId: string | null;
  subject: string;
  routingApplicationId: string | null;
  sendConnectorId: string | null;
}

const FIELDS = [
  'name',
  'recipient',
  'requireToken',
  'routingType',
  'acdGroupId',
  'subject',
  'routingApplicationId',
  'provider',
  'providerSecret',
  'signatureCheck',
  'multipartWindowSeconds',
  'sendConnectorId',
] as const;

/** The fields the form shows for this provider: the API's error about any other one goes on top. */
function shownFields(provider: ProviderValues['provider']): readonly string[] {
  const hidden = [
    ...(isSigning(provider) ? [] : ['providerSecret', 'signatureCheck']),
    ...(deliversPartsSeparately(provider) ? [] : ['multipartWindowSeconds']),
  ];
  return FIELDS.filter((field) => !hidden.includes(field));
}

/** Numbers as the receiver accepts them: +49…, 0049… or 49…, spaces and dashes allowed. */

export function ConnectorForm({
  clientId,
  connector,
  onClose,
  onSaved,
}: {
  clientId: string;
  connector: Connector | undefined;
  onClose(): void;
  onSaved(connector: Connector): void;
}) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const groups = useAcdGroups(clientId);
  const applications = useApplications(clientId);
  const sendConnectors = useSendConnectors(clientId);
  const form = useCheckedForm<Values>(
    {
      name: connector?.name ?? '',
      recipient: connector?.recipient ?? '',
      requireToken: connector?.requireToken ?? true,
      generateNewToken: false,
      routingType: connector?.routingType ?? 'direct_acd_group',
      acdGroupId: connector?.acdGroupId ?? null,
      subject: connector?.subject ?? '',
      routingApplicationId: connector?.routingApplicationId ?? null,
      sendConnectorId: connector?.sendConnectorId ?? null,
      ...providerValuesOf(connector),
    },
    {
      name: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('connectors.form.giveName'),
          tooLong: t('connectors.form.atMost', { max: 200 }),
        }),
      recipient: (value) =>
        value.trim() === ''
          ? t('connectors.form.enterNumber')
          : // The server's own rule: an international number, in any of its usual spellings.
            toE164(value.trim()) === null
            ? t('connectors.form.enterPhone')
            : null,
      subject: (value) => (value.length > 500 ? t('connectors.form.atMost', { max: 500 }) : null),
      providerSecret: (value) => (value.trim().length > 4000 ? t('connectors.form.atMost', { max: 4000 }) : null),
      multipartWindowSeconds: (value, values) => {
        if (!deliversPartsSeparately(values.provider)) return null;
        const seconds = Number(value);
        return value !== '' &&
          Number.isInteger(seconds) &&
          seconds >= MULTIPART_WINDOW.min &&
          seconds <= MULTIPART_WINDOW.max
          ? null
          : t('connectors.provider.multipartWindowRange', { min: MULTIPART_WINDOW.min, max: MULTIPART_WINDOW.max });
      },
    },
  );

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const target =
        values.routingType === 'direct_acd_group'
          ? { acdGroupId: values.acdGroupId, routingApplicationId: null }
          : { acdGroupId: null, routingApplicationId: values.routingApplicationId };
      const body = {
        name: values.name.trim(),
        recipient: values.recipient.trim(),
        requireToken: values.requireToken,
        routingType: values.routingType,
        subject: values.subject,
        sendConnectorId: values.sendConnectorId,
        ...target,
        ...providerBody(values, connector),
      };
      if (!connector) return post<Connector>('/api/connectors', { ...body, clientId });
      const saved = await patch<Connector>(`/api/connectors/${connector.id}`, body);
      return values.generateNewToken ? post<Connector>(`/api/connectors/${connector.id}/token`) : saved;
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.connectors(clientId) });
      notifications.show({
        color: 'teal',
        message: connector
          ? t('connectors.form.saved', { name: saved.name })
          : t('connectors.form.created', { name: saved.name }),
      });
      onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field && shownFields(form.values.provider).includes(error.field)) {
        form.setFieldError(error.field, error.fieldMessage);
      }
    },
  });
  const unplacedError =
    save.error instanceof ApiError && save.error.field && shownFields(form.values.provider).includes(save.error.field)
      ? undefined
      : save.error;

  const routingType = form.values.routingType;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={480}
      title={
        <Text fw={600}>
          {connector ? t('connectors.form.editTitle', { name: connector.name }) : t('connectors.form.newTitle')}
        </Text>
      }
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="connector-form">
        <Stack gap="md">
          <ErrorAlert error={unplacedError} title={t('connectors.form.notSaved')} />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('connectors.form.masterData')}
          </Text>
          <TextInput
            label={t('common.name')}
            required
            placeholder={t('connectors.form.namePlaceholder')}
            {...form.getInputProps('name')}
            name="name"
          />
          <TextInput
            label={t('connectors.recipient')}
            required
            placeholder="+49301234567"
            description={t('connectors.form.recipientDescription')}
            {...form.getInputProps('recipient')}
            name="recipient"
          />
          <Switch
            label={t('connectors.requireToken')}
            description={t('connectors.form.requireTokenDescription')}
            {...form.getInputProps('requireToken', { type: 'checkbox' })}
          />
          {connector ? (
            <Checkbox
              label={t('connectors.form.generateNewToken')}
              description={t('connectors.form.generateNewTokenDescription', { hint: connector.tokenHint })}
              {...form.getInputProps('generateNewToken', { type: 'checkbox' })}
              name="generateNewToken"
            />
          ) : (
            <Text size="xs" c="dimmed">
              {t('connectors.form.tokenOnCreate')}
            </Text>
          )}
          <Divider />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('connectors.provider.section')}
          </Text>
          <ProviderFields form={form} connector={connector} />
          <Divider />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('connectors.form.routing')}
          </Text>
          <div>
            <Text size="sm" fw={500} mb={6}>
              {t('connectors.routingType')}
            </Text>
            <SegmentedControl
              fullWidth
              data={[
                { value: 'direct_acd_group', label: t('status.routingType.direct_acd_group') },
                { value: 'routing_application', label: t('status.routingType.routing_application') },
              ]}
              {...form.getInputProps('routingType')}
            />
          </div>
          {routingType === 'direct_acd_group' ? (
            <>
              <Select
                label={t('connectors.form.acdGroup')}
                placeholder={
                  groups.data?.length === 0 ? t('connectors.form.noGroupYet') : t('connectors.form.chooseGroup')
                }
                data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
                searchable
                clearable
                description={
                  groups.data?.length === 0 ? (
                    <Trans
                      i18nKey="connectors.form.createGroupFirst"
                      components={{ link: <Link to="/acd-groups" /> }}
                    />
                  ) : (
                    t('connectors.form.everySmsBecomes')
                  )
                }
                {...form.getInputProps('acdGroupId')}
                name="acdGroupId"
                data-testid="connector-acd-group"
              />
              <TextInput
                label={t('connectors.form.subject')}
                placeholder={t('connectors.form.subjectPlaceholder')}
                description={t('connectors.form.subjectDescription')}
                {...form.getInputProps('subject')}
                name="subject"
              />
            </>
          ) : (
            <Select
              label={t('connectors.form.routingApplication')}
              placeholder={
                applications.data?.length === 0
                  ? t('connectors.form.noApplicationYet')
                  : t('connectors.form.chooseApplication')
              }
              data={(applications.data ?? []).map((application) => ({
                value: application.id,
                label: application.name,
              }))}
              searchable
              clearable
              description={t('connectors.form.applicationDescription')}
              {...form.getInputProps('routingApplicationId')}
              name="routingApplicationId"
            />
          )}
          {((routingType === 'direct_acd_group' && !form.values.acdGroupId) ||
            (routingType === 'routing_application' && !form.values.routingApplicationId)) && (
            <Text size="xs" c="orange.8">
              {t('connectors.form.withoutTarget')}
            </Text>
          )}
          <Divider />
          <Select
            label={t('sendConnectors.repliesGoThrough')}
            description={t('sendConnectors.repliesGoThroughDescription')}
            placeholder={t('sendConnectors.noReplies')}
            data={(sendConnectors.data ?? []).map((sender) => ({ value: sender.id, label: sender.name }))}
            clearable
            {...form.getInputProps('sendConnectorId')}
            name="sendConnectorId"
            data-testid="connector-send-connector"
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {connector ? t('connectors.form.save') : t('connectors.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
