import { Alert, Fieldset, MultiSelect, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { wrapUpRule } from '../../../contract/wrap-up-rule';
import { useWrapUpCodes } from '../api/queries';
import type { AcdGroup } from '../api/types';

/** An ACD group's wrap-up setting as its form holds it. */
export interface WrapUpValues {
  required: boolean;
  /** `all`: every active code of the client; `chosen`: those in `codeIds`. */
  offers: 'all' | 'chosen';
  codeIds: string[];
}

export const wrapUpInitial = (group: AcdGroup | undefined): WrapUpValues => ({
  required: group?.wrapUpRequired ?? false,
  offers: group?.wrapUpCodeIds ? 'chosen' : 'all',
  codeIds: group?.wrapUpCodeIds ?? [],
});

export const wrapUpBody = (values: WrapUpValues) => ({
  wrapUpRequired: values.required,
  wrapUpCodeIds: values.offers === 'all' ? null : values.codeIds,
});

/** The ACD group form's wrap-up part: whether closing asks for a code, and which codes the group offers. */
export function WrapUpFields({
  clientId,
  values,
  onChange,
  error,
}: {
  clientId: string;
  values: WrapUpValues;
  onChange(values: WrapUpValues): void;
  /** The API's sentence about a field, if any. */
  error(field: string): string | undefined;
}) {
  const { t } = useTranslation();
  const codes = useWrapUpCodes(clientId);
  const all = codes.data ?? [];
  const rule = wrapUpRule(wrapUpBody(values), all);
  const listError =
    error('wrapUpCodeIds') ?? values.codeIds.map((_, index) => error(`wrapUpCodeIds.${index}`)).find(Boolean);
  return (
    <Fieldset legend={t('wrapUpCodes.group.heading')} data-testid="group-wrap-up">
      <Stack gap="sm">
        <Switch
          label={t('wrapUpCodes.group.required')}
          description={t('wrapUpCodes.group.requiredDescription')}
          checked={values.required}
          onChange={(event) => onChange({ ...values, required: event.currentTarget.checked })}
          error={error('wrapUpRequired')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('wrapUpCodes.group.offers')}
          </Text>
          <SegmentedControl
            value={values.offers}
            onChange={(offers) => onChange({ ...values, offers: offers === 'chosen' ? 'chosen' : 'all' })}
            data={[
              { value: 'all', label: t('wrapUpCodes.group.allCodes') },
              { value: 'chosen', label: t('wrapUpCodes.group.chosenCodes') },
            ]}
          />
        </Stack>
        {values.offers === 'chosen' && (
          <MultiSelect
            aria-label={t('wrapUpCodes.group.chosenCodes')}
            placeholder={t('wrapUpCodes.group.chooseCodes')}
            data={all.map((code) => ({
              value: code.id,
              label: code.active
                ? `${code.code} · ${code.label}`
                : `${code.code} · ${code.label} (${t('wrapUpCodes.inactive')})`,
            }))}
            value={values.codeIds}
            onChange={(codeIds) => onChange({ ...values, codeIds })}
            searchable
            error={listError}
          />
        )}
        {codes.data && all.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('wrapUpCodes.group.noCodes')}
          </Text>
        )}
        {codes.data && all.length > 0 && rule.requiredButNoneOffered && (
          <Alert color="yellow" variant="light">
            {t('wrapUpCodes.group.noneOffered')}
          </Alert>
        )}
      </Stack>
    </Fieldset>
  );
}
