import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { toE164 } from '../../../contract/phone-number';
import { post } from '../api/http';
import { FormModal, useModalForm } from '../common/form-modal';
import { optOutKeys, type OptOut } from './opt-out-queries';

const FIELDS = ['number'] as const;

/** Adds a number to the client's opt-out list. */
export function OptOutAddModal({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const { t } = useTranslation();
  const { field, modal } = useModalForm<{ number: string }, OptOut>({
    initialValues: { number: '' },
    // The rule of the server's optOutBody (contract/opt-outs.ts).
    validate: { number: (value) => (toE164(value.trim()) === null ? t('optOuts.reason.number') : null) },
    save: (values) => post<OptOut>('/api/opt-outs', { clientId, number: values.number.trim() }),
    invalidate: [optOutKeys.all(clientId)],
    fields: FIELDS,
    onSaved: (saved) => {
      notifications.show({ color: 'teal', message: t('optOuts.added', { number: saved.number }) });
      onClose();
    },
  });
  return (
    <FormModal
      title={t('optOuts.addTitle')}
      submitLabel={t('optOuts.add')}
      onClose={onClose}
      {...modal}
      testId="opt-out-form"
    >
      <TextInput
        label={t('optOuts.number')}
        description={t('optOuts.addHint')}
        placeholder="+4917012345678"
        required
        data-autofocus
        {...field('number')}
      />
    </FormModal>
  );
}
