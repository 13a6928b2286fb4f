import { NumberInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PAUSE_REASON_NAME_MAX, PAUSE_REASON_POSITION_MAX, type PauseReason } from '../../../contract/pause-reasons';
import { patch, post } from '../api/queries';
import { FormModal, useModalForm } from '../common/form-modal';
import { requiredTextProblem } from '../common/validation';
import { pauseReasonKeys } from './pause-reason-queries';

interface Values {
  name: string;
  position: number | string;
}

const FIELDS = ['name', 'position'] as const;

/** Creates a pause reason or edits one: its name and where the desk lists it. */
export function PauseReasonFormModal({
  clientId,
  reason,
  onClose,
}: {
  clientId: string;
  reason: PauseReason | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { field, modal } = useModalForm<Values, PauseReason>({
    initialValues: { name: reason?.name ?? '', position: reason?.position ?? 0 },
    // The rules of the server's pauseReasonBody (contract/pause-reasons.ts).
    validate: {
      name: (value) =>
        requiredTextProblem(value, PAUSE_REASON_NAME_MAX, {
          empty: t('pauseReasons.form.enterName'),
          tooLong: t('pauseReasons.form.atMost', { max: PAUSE_REASON_NAME_MAX }),
        }),
      position: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= PAUSE_REASON_POSITION_MAX
          ? null
          : t('pauseReasons.form.positionRange', { max: PAUSE_REASON_POSITION_MAX }),
    },
    save: (v) => {
      const body = { name: v.name.trim(), position: Number(v.position) };
      return reason
        ? patch<PauseReason>(`/api/pause-reasons/${reason.id}`, body)
        : post<PauseReason>('/api/pause-reasons', { ...body, clientId });
    },
    invalidate: [pauseReasonKeys.client(clientId)],
    fields: FIELDS,
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: reason
          ? t('pauseReasons.form.saved', { name: saved.name })
          : t('pauseReasons.form.created', { name: saved.name }),
      });
      onClose();
    },
  });
  return (
    <FormModal
      title={reason ? t('pauseReasons.editName', { name: reason.name }) : t('pauseReasons.newReason')}
      submitLabel={reason ? t('common.save') : t('pauseReasons.form.create')}
      onClose={onClose}
      {...modal}
      testId="pause-reason-form"
    >
      <TextInput
        label={t('pauseReasons.name')}
        description={t('pauseReasons.form.nameDescription')}
        required
        data-autofocus
        {...field('name')}
      />
      <NumberInput
        label={t('pauseReasons.position')}
        description={t('pauseReasons.form.positionDescription')}
        min={0}
        max={PAUSE_REASON_POSITION_MAX}
        allowDecimal={false}
        allowNegative={false}
        {...field('position')}
      />
    </FormModal>
  );
}
