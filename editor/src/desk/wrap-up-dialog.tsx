import { Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GroupWrapUp } from '../../../contract/wrap-up-codes';
import { FormModal, useModalForm } from '../common/form-modal';

interface WrapUpValues {
  wrapUpCodeId: string | null;
}

/** The query key of a group's wrap-up rule as the desk reads it. */
export const groupWrapUpKey = (acdGroupId: string) => ['desk-wrap-up', acdGroupId] as const;

/**
 * Closing a conversation in a group that offers wrap-up codes: the codes to choose from, one
 * required or optional as the group's rule says. `close` completes with the chosen code (the
 * server checks it against the same rule and names `wrapUpCodeId` when it does not do).
 */
export function WrapUpDialog({
  rule,
  onClose,
  close,
  onClosed,
}: {
  /** The group's rule (one that offers codes). */
  rule: GroupWrapUp;
  onClose(): void;
  close(wrapUpCodeId: string | null): Promise<unknown>;
  onClosed(): void;
}) {
  const { t } = useTranslation();
  const { form, errorOf, modal } = useModalForm<WrapUpValues, unknown>({
    initialValues: { wrapUpCodeId: null },
    validate: { wrapUpCodeId: (value) => (rule.required && !value ? t('desk.wrapUp.choose') : null) },
    save: (v) => close(v.wrapUpCodeId),
    invalidate: [],
    fields: ['wrapUpCodeId'],
    onSaved: onClosed,
  });
  return (
    <FormModal
      title={t('desk.wrapUp.title')}
      submitLabel={t('desk.wrapUp.close')}
      onClose={onClose}
      testId="wrap-up-dialog"
      {...modal}
    >
      <Stack gap="xs">
        <Text size="sm">{rule.required ? t('desk.wrapUp.required') : t('desk.wrapUp.optional')}</Text>
        <Radio.Group
          label={t('desk.wrapUp.code')}
          withAsterisk={rule.required}
          value={form.getValues().wrapUpCodeId}
          onChange={(value) => form.setFieldValue('wrapUpCodeId', value)}
          error={errorOf('wrapUpCodeId')}
          data-testid="wrap-up-codes"
        >
          <Stack gap={6} mt={6}>
            {rule.offered.map((code) => (
              <Radio key={code.id} value={code.id} label={`${code.label} (${code.code})`} />
            ))}
          </Stack>
        </Radio.Group>
      </Stack>
    </FormModal>
  );
}
