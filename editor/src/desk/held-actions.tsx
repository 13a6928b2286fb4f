import { Button, Group } from '@mantine/core';
import { CheckCheck, Forward } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskMediaEvent, DeskTransferResult } from '../../../contract/desk';
import { TransferDialog } from './transfer-dialog';
import { useWrapUpClose } from './use-wrap-up-close';
import { WrapUpDialog } from './wrap-up-dialog';

/**
 * What an agent does with work in hand: complete it (through the wrap-up dialog where its group
 * offers codes, see useWrapUpClose) or transfer it.
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
  const [transferring, setTransferring] = useState(false);
  const wrapUp = useWrapUpClose(event.acdGroupId, completeNow);
  return (
    <>
      <Group grow>
        <Button
          size="md"
          variant="default"
          leftSection={<Forward size={18} />}
          onClick={() => setTransferring(true)}
          data-testid="transfer-button"
        >
          {t('desk.transfer.button')}
        </Button>
        <Button
          size="md"
          variant="light"
          color="blue"
          leftSection={<CheckCheck size={18} />}
          loading={completing || wrapUp.checking}
          onClick={() => void wrapUp.close()}
        >
          {t('desk.complete')}
        </Button>
      </Group>
      {wrapUp.asking && wrapUp.rule && (
        <WrapUpDialog
          rule={wrapUp.rule}
          onClose={wrapUp.stopAsking}
          close={completeWith}
          onClosed={wrapUp.stopAsking}
        />
      )}
      {transferring && (
        <TransferDialog
          event={event}
          selfId={selfId}
          onClose={() => setTransferring(false)}
          onTransferred={(result, target) => {
            setTransferring(false);
            onTransferred(result, target);
          }}
        />
      )}
    </>
  );
}
