import { Button, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CheckCheck, Forward } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskMediaEvent, DeskTransferResult } from '../../../contract/desk';
import type { GroupWrapUp } from '../../../contract/wrap-up-codes';
import { get } from '../api/http';
import { TransferDialog } from './transfer-dialog';
import { WrapUpDialog, groupWrapUpKey } from './wrap-up-dialog';

/**
 * What an agent does with work in hand: complete it (through the wrap-up dialog where its group
 * offers codes) or transfer it. The group's rule is read with the card, so Complete knows at
 * once whether to ask.
 */
export function HeldActions({
  event,
  selfId,
  completing,
  completeNow,
  completeWith,
  onTransferred,
}: {
  event: DeskMediaEvent;
  selfId: string | undefined;
  completing: boolean;
  /** Completes without a code (the desk shows what goes wrong). */
  completeNow(): void;
  /** Completes with the chosen code; rejects with the API's error for the dialog to show. */
  completeWith(wrapUpCodeId: string | null): Promise<unknown>;
  onTransferred(result: DeskTransferResult, target: string): void;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'wrap-up' | 'transfer'>();
  const rule = useQuery({
    queryKey: groupWrapUpKey(event.acdGroupId ?? ''),
    queryFn: () => get<GroupWrapUp>(`/api/desk/acd-groups/${event.acdGroupId}/wrap-up`),
    enabled: event.acdGroupId !== null,
  });
  const [checking, setChecking] = useState(false);
  // Asks for a code only where the group offers some; a rule still loading is waited for.
  const complete = async () => {
    setChecking(true);
    try {
      const current = rule.data ?? (event.acdGroupId ? (await rule.refetch()).data : undefined);
      if (current && current.offered.length > 0) setDialog('wrap-up');
      else completeNow();
    } finally {
      setChecking(false);
    }
  };
  return (
    <>
      <Group grow>
        <Button
          size="md"
          variant="default"
          leftSection={<Forward size={18} />}
          onClick={() => setDialog('transfer')}
          data-testid="transfer-button"
        >
          {t('desk.transfer.button')}
        </Button>
        <Button
          size="md"
          variant="light"
          color="blue"
          leftSection={<CheckCheck size={18} />}
          loading={completing || checking}
          onClick={() => void complete()}
        >
          {t('desk.complete')}
        </Button>
      </Group>
      {dialog === 'wrap-up' && rule.data && (
        <WrapUpDialog
          rule={rule.data}
          onClose={() => setDialog(undefined)}
          close={completeWith}
          onClosed={() => setDialog(undefined)}
        />
      )}
      {dialog === 'transfer' && (
        <TransferDialog
          event={event}
          selfId={selfId}
          onClose={() => setDialog(undefined)}
          onTransferred={(result, target) => {
            setDialog(undefined);
            onTransferred(result, target);
          }}
        />
      )}
    </>
  );
}
