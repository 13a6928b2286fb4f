import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { patch } from '../../api/http';
import { keys } from '../../api/queries';
import type { RoutingApplication } from '../../api/types';
import { ErrorAlert, fieldError, formError } from '../../common/page';

/** The application's own settings: its name and where failed runs go. */
export function SettingsModal({
  application,
  groups,
  onClose,
}: {
  application: RoutingApplication;
  groups: { value: string; label: string }[];
  onClose(): void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(application.name);
  const [fallback, setFallback] = useState<string | null>(application.fallbackAcdGroupId);
  const save = useMutation({
    mutationFn: () =>
      patch<RoutingApplication>(`/api/routing-applications/${application.id}`, { name, fallbackAcdGroupId: fallback }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.application(application.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.applications(saved.clientId) });
      notifications.show({ color: 'teal', message: 'Settings saved' });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Application settings</Text>} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={formError(save.error, ['name', 'fallbackAcdGroupId'])} />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(save.error, 'name')}
          />
          <Select
            label="Fallback ACD group"
            description="Where an SMS goes when a run fails. Without one, the connector's group is used."
            placeholder="None"
            clearable
            data={groups}
            value={fallback}
            onChange={setFallback}
            error={fieldError(save.error, 'fallbackAcdGroupId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
