import { SegmentedControl, Select, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  TRANSFER_NOTE_MAX,
  type AgentStatus,
  type DeskMediaEvent,
  type DeskTransferBody,
  type DeskTransferResult,
  type TransferTargets,
} from '../../../contract/desk';
import { get, post } from '../api/http';
import { FormModal, useModalForm } from '../common/form-modal';
import { ErrorAlert } from '../common/page';
import { agentStatusLabel } from './agent-status-labels';

interface TransferValues {
  to: 'group' | 'agent';
  acdGroupId: string | null;
  agentId: string | null;
  note: string;
}

export const transferTargetsKey = ['desk-transfer-targets'] as const;

/**
 * Transfers a held conversation: to a group or an agent of the agent's client (the lists come from
 * `/api/desk/transfer-targets`), with a note for the next agent. One request; the server checks.
 */
export function TransferDialog({
  event,
  selfId,
  onClose,
  onTransferred,
}: {
  event: DeskMediaEvent;
  /** The agent transferring, left out of the agents to choose from. */
  selfId: string | undefined;
  onClose(): void;
  onTransferred(result: DeskTransferResult, target: string): void;
}) {
  const { t } = useTranslation();
  const targets = useQuery({
    queryKey: transferTargetsKey,
    queryFn: () => get<TransferTargets>('/api/desk/transfer-targets'),
  });
  const groups = targets.data?.groups ?? [];
  const agents = agentChoices(groups, selfId);
  const { form, errorOf, modal } = useModalForm<TransferValues, DeskTransferResult>({
    initialValues: { to: 'group', acdGroupId: null, agentId: null, note: '' },
    validate: {
      acdGroupId: (value, all) => (all.to === 'group' && !value ? t('desk.transfer.chooseGroup') : null),
      agentId: (value, all) => (all.to === 'agent' && !value ? t('desk.transfer.chooseAgent') : null),
    },
    save: (v) => {
      const body: DeskTransferBody = {
        ...(v.to === 'group' ? { acdGroupId: v.acdGroupId! } : { agentId: v.agentId! }),
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      };
      return post<DeskTransferResult>(`/api/desk/media-events/${event.id}/transfer`, body);
    },
    invalidate: [],
    fields: ['acdGroupId', 'agentId', 'note'],
    onSaved: (result, v) => {
      const target =
        v.to === 'group'
          ? (groups.find((g) => g.id === v.acdGroupId)?.name ?? result.queued.acdGroupName)
          : (agents.find((a) => a.value === v.agentId)?.name ?? result.queued.acdGroupName);
      onTransferred(result, target);
    },
  });
  const to = form.getValues().to;
  return (
    <FormModal
      title={t('desk.transfer.title')}
      submitLabel={t('desk.transfer.send')}
      onClose={onClose}
      testId="transfer-dialog"
      {...modal}
    >
      <Text size="sm" c="dimmed">
        {t('desk.transfer.explain')}
      </Text>
      {targets.error && <ErrorAlert title={t('desk.transfer.notLoaded')} error={targets.error} />}
      {targets.isPending ? (
        <Skeleton h={90} />
      ) : (
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('desk.transfer.to')}
            data-testid="transfer-to"
            data={[
              { value: 'group', label: t('desk.transfer.toGroup') },
              { value: 'agent', label: t('desk.transfer.toAgent') },
            ]}
            {...form.getInputProps('to')}
          />
          {to === 'group' ? (
            <Select
              label={t('desk.transfer.group')}
              placeholder={t('desk.transfer.chooseGroup')}
              required
              searchable
              data-testid="transfer-group"
              data={groups.map((group) => ({ value: group.id, label: group.name }))}
              {...form.getInputProps('acdGroupId')}
              error={errorOf('acdGroupId')}
            />
          ) : (
            <Select
              label={t('desk.transfer.agent')}
              placeholder={t('desk.transfer.chooseAgent')}
              required
              searchable
              nothingFoundMessage={t('desk.transfer.noAgents')}
              data-testid="transfer-agent"
              data={agents.map(({ value, name, status }) => ({
                value,
                label: t('desk.transfer.agentOption', { name, status: agentStatusLabel(status) }),
              }))}
              {...form.getInputProps('agentId')}
              error={errorOf('agentId')}
            />
          )}
        </Stack>
      )}
      <Textarea
        label={t('desk.transfer.note')}
        placeholder={t('desk.transfer.notePlaceholder')}
        autosize
        minRows={2}
        maxLength={TRANSFER_NOTE_MAX}
        data-testid="transfer-note"
        {...form.getInputProps('note')}
        error={errorOf('note')}
      />
    </FormModal>
  );
}

/** Each agent of the client's groups once (not the caller), by name, with their status. */
function agentChoices(groups: TransferTargets['groups'], selfId: string | undefined) {
  const seen = new Map<string, { value: string; name: string; status: AgentStatus }>();
  for (const group of groups) {
    for (const agent of group.agents) {
      if (agent.id === selfId || seen.has(agent.id)) continue;
      seen.set(agent.id, {
        value: agent.id,
        name: agent.displayName,
        status: agent.status,
      });
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
