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
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../api/http';
import { keys, patch, post, useAcdGroups, useApplications } from '../api/queries';
import type { Connector, RoutingType } from '../api/types';
import { ErrorAlert } from '../common/page';

interface Values {
  name: string;
  recipient: string;
  requireToken: boolean;
  generateNewToken: boolean;
  routingType: RoutingType;
  acdGroupId: string | null;
  subject: string;
  routingApplicationId: string | null;
}

const FIELDS = [
  'name',
  'recipient',
  'requireToken',
  'routingType',
  'acdGroupId',
  'subject',
  'routingApplicationId',
] as const;

/** Numbers as the receiver accepts them: +49…, 0049… or 49…, spaces and dashes allowed. */
const PHONE = /^\+?[0-9][0-9 ()\-/]{4,30}$/;

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
  const groups = useAcdGroups(clientId);
  const applications = useApplications(clientId);
  const form = useForm<Values>({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      name: connector?.name ?? '',
      recipient: connector?.recipient ?? '',
      requireToken: connector?.requireToken ?? true,
      generateNewToken: false,
      routingType: connector?.routingType ?? 'direct_acd_group',
      acdGroupId: connector?.acdGroupId ?? null,
      subject: connector?.subject ?? '',
      routingApplicationId: connector?.routingApplicationId ?? null,
    },
    validate: {
      name: (value) =>
        value.trim() === '' ? 'Give the connector a name' : value.length > 200 ? 'At most 200 characters' : null,
      recipient: (value) =>
        value.trim() === ''
          ? 'Enter the number SMS are sent to'
          : PHONE.test(value.trim())
            ? null
            : 'Enter a phone number such as +49301234567',
      subject: (value) => (value.length > 500 ? 'At most 500 characters' : null),
    },
  });

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
        ...target,
      };
      if (!connector) return post<Connector>('/api/connectors', { ...body, clientId });
      const saved = await patch<Connector>(`/api/connectors/${connector.id}`, body);
      return values.generateNewToken ? post<Connector>(`/api/connectors/${connector.id}/token`) : saved;
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.connectors(clientId) });
      notifications.show({
        color: 'teal',
        message: connector ? `Connector “${saved.name}” saved` : `Connector “${saved.name}” created`,
      });
      onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field && (FIELDS as readonly string[]).includes(error.field)) {
        form.setFieldError(error.field, error.fieldMessage);
      }
    },
  });
  const unplacedError =
    save.error instanceof ApiError && save.error.field && (FIELDS as readonly string[]).includes(save.error.field)
      ? undefined
      : save.error;

  const routingType = form.values.routingType;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={480}
      title={<Text fw={600}>{connector ? `Edit ${connector.name}` : 'New SMS receive connector'}</Text>}
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="connector-form">
        <Stack gap="md">
          <ErrorAlert error={unplacedError} title="The connector was not saved" />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Master data
          </Text>
          <TextInput label="Name" required placeholder="Hotline Berlin" {...form.getInputProps('name')} name="name" />
          <TextInput
            label="Recipient"
            required
            placeholder="+49301234567"
            description="The number SMS are sent to; it selects this connector and is unique across Switchboard."
            {...form.getInputProps('recipient')}
            name="recipient"
          />
          <Switch
            label="Require token"
            description="Providers must send the connector's token with every SMS (recommended)."
            {...form.getInputProps('requireToken', { type: 'checkbox' })}
          />
          {connector ? (
            <Checkbox
              label="Generate new token"
              description={`The current token (…${connector.tokenHint}) stops working when you save.`}
              {...form.getInputProps('generateNewToken', { type: 'checkbox' })}
              name="generateNewToken"
            />
          ) : (
            <Text size="xs" c="dimmed">
              A token is generated when the connector is created and shown once.
            </Text>
          )}
          <Divider />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Routing
          </Text>
          <div>
            <Text size="sm" fw={500} mb={6}>
              Routing type
            </Text>
            <SegmentedControl
              fullWidth
              data={[
                { value: 'direct_acd_group', label: 'Direct ACD group' },
                { value: 'routing_application', label: 'Routing application' },
              ]}
              {...form.getInputProps('routingType')}
            />
          </div>
          {routingType === 'direct_acd_group' ? (
            <>
              <Select
                label="ACD group"
                placeholder={groups.data?.length === 0 ? 'This client has no ACD group yet' : 'Choose an ACD group'}
                data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
                searchable
                clearable
                description={
                  groups.data?.length === 0 ? (
                    <>
                      <Link to="/acd-groups">Create an ACD group</Link> first.
                    </>
                  ) : (
                    'Every SMS becomes a media event in this group.'
                  )
                }
                {...form.getInputProps('acdGroupId')}
                name="acdGroupId"
                data-testid="connector-acd-group"
              />
              <TextInput
                label="Incoming SMS subject"
                placeholder="SMS to the hotline"
                description="The subject of the media event agents see."
                {...form.getInputProps('subject')}
                name="subject"
              />
            </>
          ) : (
            <Select
              label="Routing application"
              placeholder={
                applications.data?.length === 0
                  ? 'This client has no routing application yet'
                  : 'Choose a routing application'
              }
              data={(applications.data ?? []).map((application) => ({
                value: application.id,
                label: application.name,
              }))}
              searchable
              clearable
              description="The application's active version decides where each SMS goes."
              {...form.getInputProps('routingApplicationId')}
              name="routingApplicationId"
            />
          )}
          {((routingType === 'direct_acd_group' && !form.values.acdGroupId) ||
            (routingType === 'routing_application' && !form.values.routingApplicationId)) && (
            <Text size="xs" c="orange.8">
              Without a target the connector answers 502 to providers until one is chosen.
            </Text>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {connector ? 'Save connector' : 'Create connector'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
