import { Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { WRAP_UP_CODE, WRAP_UP_CODE_MAX } from '../../../contract/wrap-up-rule';
import { keys, patch, post } from '../api/queries';
import type { WrapUpCode } from '../api/types';
import { FormModal, useModalForm } from '../common/form-modal';
import { requiredTextProblem } from '../common/validation';

interface Values {
  code: string;
  label: string;
  active: boolean;
}

const FIELDS = ['code', 'label', 'active'] as const;

/** Creates a wrap-up code or edits one: its code, label and whether groups offer it. */
export function WrapUpCodeFormModal({
  clientId,
  code,
  onClose,
}: {
  clientId: string;
  code: WrapUpCode | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { form, field, modal } = useModalForm<Values, WrapUpCode>({
    initialValues: { code: code?.code ?? '', label: code?.label ?? '', active: code?.active ?? true },
    // The rules of the server's wrapUpCodeBody (contract/wrap-up-codes.ts).
    validate: {
      code: (value) => {
        const trimmed = value.trim();
        if (trimmed === '') return t('wrapUpCodes.form.enterCode');
        if (trimmed.length > WRAP_UP_CODE_MAX) return t('wrapUpCodes.form.atMost', { max: WRAP_UP_CODE_MAX });
        return WRAP_UP_CODE.test(trimmed) ? null : t('wrapUpCodes.form.codeForm');
      },
      label: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('wrapUpCodes.form.enterLabel'),
          tooLong: t('wrapUpCodes.form.atMost', { max: 200 }),
        }),
    },
    save: (v) => {
      const body = { code: v.code.trim(), label: v.label.trim(), active: v.active };
      return code
        ? patch<WrapUpCode>(`/api/wrap-up-codes/${code.id}`, body)
        : post<WrapUpCode>('/api/wrap-up-codes', { ...body, clientId });
    },
    invalidate: [keys.wrapUpCodes(clientId), keys.acdGroups(clientId)],
    fields: FIELDS,
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: code
          ? t('wrapUpCodes.form.saved', { code: saved.code })
          : t('wrapUpCodes.form.created', { code: saved.code }),
      });
      onClose();
    },
  });
  return (
    <FormModal
      title={code ? t('wrapUpCodes.editName', { code: code.code }) : t('wrapUpCodes.newCode')}
      submitLabel={code ? t('common.save') : t('wrapUpCodes.form.create')}
      onClose={onClose}
      {...modal}
      testId="wrap-up-code-form"
    >
      <TextInput
        label={t('wrapUpCodes.code')}
        description={t('wrapUpCodes.form.codeDescription')}
        required
        data-autofocus
        {...field('code')}
      />
      <TextInput label={t('wrapUpCodes.label')} required {...field('label')} />
      <Switch
        label={t('wrapUpCodes.active')}
        description={t('wrapUpCodes.form.activeDescription')}
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </FormModal>
  );
}
