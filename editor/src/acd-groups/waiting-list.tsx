import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ArrowRightLeft, Ban } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WAITING_SHOWN, type AcdGroupLive, type WaitingSms } from '../../../contract/acd-groups';
import type { MediaEventReassign } from '../../../contract/media-event-reassign';
import { keys, post, useAcdGroups, useAgents, useApiMutation } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { DialogButtons, useConfirm } from '../common/confirm';
import { ErrorAlert, fieldError } from '../common/page';
import { RowAction, RowActions } from '../common/row-actions';
import { durationSince } from '../desk/agent-status-labels';

/** The group's queued SMS, most urgent first, each with its age; an admin reassigns or cancels one. */
export function WaitingList({ group, data, now }: { group: AcdGroup; data: AcdGroupLive; now: number }) {
  const { t } = useTranslation();
  const [reassigning, setReassigning] = useState<WaitingSms | undefined>();
  const invalidate = [keys.groupLive(group.id), ['acd-group-live']];
  const cancel = useApiMutation((sms: WaitingSms) => post(`/api/media-events/${sms.id}/cancel`, {}), invalidate);
  const cancelling = useConfirm(
    cancel,
    (sms: WaitingSms) => sms,
    (sms) => notifications.show({ color: 'teal', message: t('liveQueue.cancelled', { sender: sms.sms.sender }) }),
  );
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {t('liveQueue.waitingTitle')}
      </Text>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table verticalSpacing={6} fz="sm" horizontalSpacing="sm" data-testid="waiting-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('liveQueue.age')}</Table.Th>
              <Table.Th w={140}>{t('liveQueue.from')}</Table.Th>
              <Table.Th>{t('liveQueue.message')}</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.waiting.map((sms) => (
              <Table.Tr key={sms.id} data-testid="waiting-sms">
                <Table.Td data-testid="waiting-age">{durationSince(sms.queuedAt, now)}</Table.Td>
                <Table.Td>{sms.sms.sender}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {sms.sms.message}
                  </Text>
                  {sms.reservedFor && (
                    <Tooltip label={t('liveQueue.reservedForHint', { name: sms.reservedFor.displayName })}>
                      <Badge size="xs" variant="light" color="violet" data-testid="waiting-reserved">
                        {t('liveQueue.reservedFor', { name: sms.reservedFor.displayName })}
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <RowActions>
                    <RowAction
                      icon={ArrowRightLeft}
                      tooltip={t('liveQueue.reassign')}
                      label={`${t('liveQueue.reassign')}: ${t('liveQueue.actionsFor', { sender: sms.sms.sender })}`}
                      onClick={() => setReassigning(sms)}
                    />
                    <RowAction
                      icon={Ban}
                      color="red"
                      tooltip={t('liveQueue.cancel')}
                      label={`${t('liveQueue.cancel')}: ${t('liveQueue.actionsFor', { sender: sms.sms.sender })}`}
                      onClick={() => cancelling.ask(sms)}
                    />
                  </RowActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.waiting.length === 0 && (
          <Text c="dimmed" size="sm" p="md" ta="center">
            {t('liveQueue.waitingEmpty')}
          </Text>
        )}
      </Paper>
      {data.queueLength > data.waiting.length && (
        <Text size="xs" c="dimmed">
          {t('liveQueue.waitingMore', { shown: WAITING_SHOWN, count: data.queueLength })}
        </Text>
      )}
      <Modal
        opened={cancelling.props.opened}
        onClose={cancelling.props.onClose}
        centered
        title={<Text fw={600}>{t('liveQueue.cancelTitle', { sender: cancelling.item?.sms.sender ?? '' })}</Text>}
      >
        <ErrorAlert error={cancelling.props.error} title={t('liveQueue.notCancelled')} />
        <Text size="sm">{t('liveQueue.cancelText')}</Text>
        {/* "Keep it" beside "Cancel SMS": two cancels side by side say nothing. */}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={cancelling.props.onClose}>
            {t('liveQueue.keepSms')}
          </Button>
          <Button color="red" loading={cancelling.props.loading} onClick={cancelling.props.onConfirm}>
            {t('liveQueue.cancel')}
          </Button>
        </Group>
      </Modal>
      {reassigning && <ReassignModal group={group} sms={reassigning} onClose={() => setReassigning(undefined)} />}
    </Stack>
  );
}

/** Chooses the group (this one by default) and, if wanted, the one member the SMS goes to. */
function ReassignModal({ group, sms, onClose }: { group: AcdGroup; sms: WaitingSms; onClose(): void }) {
  const { t } = useTranslation();
  const groups = useAcdGroups(group.clientId);
  const agents = useAgents(group.clientId);
  const [targetGroupId, setTargetGroupId] = useState(group.id);
  const [agentId, setAgentId] = useState<string | null>(null);
  const reassign = useApiMutation(
    (body: MediaEventReassign) => post(`/api/media-events/${sms.id}/reassign`, body),
    [['acd-group-live']],
  );
  const target = groups.data?.find((candidate) => candidate.id === targetGroupId);
  const names = new Map((agents.data ?? []).map((agent) => [agent.id, agent]));
  const members = (target?.members ?? [])
    .map((member) => names.get(member.agentId))
    .filter((agent) => agent !== undefined && agent.active)
    .map((agent) => ({ value: agent!.id, label: agent!.displayName }));
  const submit = () =>
    reassign.mutate(
      { acdGroupId: targetGroupId, agentId },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('liveQueue.reassigned', { sender: sms.sms.sender }) });
          onClose();
        },
      },
    );
  const byField = fieldError(reassign.error, 'acdGroupId') ?? fieldError(reassign.error, 'agentId');
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={<Text fw={600}>{t('liveQueue.reassignTitle', { sender: sms.sms.sender })}</Text>}
      data-testid="reassign-modal"
    >
      <Stack gap="sm">
        {!byField && <ErrorAlert error={reassign.error} title={t('liveQueue.notReassigned')} />}
        <Text size="sm" c="dimmed">
          {t('liveQueue.reassignText')}
        </Text>
        <Select
          label={t('liveQueue.targetGroup')}
          allowDeselect={false}
          searchable
          data={(groups.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          value={targetGroupId}
          onChange={(value) => {
            if (value) setTargetGroupId(value);
            setAgentId(null);
          }}
          error={fieldError(reassign.error, 'acdGroupId')}
        />
        <Select
          label={t('liveQueue.targetAgent')}
          clearable
          searchable
          placeholder={members.length > 0 ? t('liveQueue.anyMember') : t('liveQueue.noMembers')}
          data={members}
          value={agentId}
          onChange={setAgentId}
          error={fieldError(reassign.error, 'agentId')}
        />
        <DialogButtons
          mt="xs"
          onCancel={onClose}
          actionLabel={t('liveQueue.reassign')}
          onAction={submit}
          loading={reassign.isPending}
        />
      </Stack>
    </Modal>
  );
}
