import { Button, Group, NumberInput, PasswordInput, Radio, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_CHECKS, type Connector, type Provider } from '../api/types';
import { MULTIPART_WINDOW, willHaveSecret, type ProviderValues } from './provider-body';
import { providerOptions } from './provider-names';
import { deliversPartsSeparately, isSigning } from './providers';

/** Which provider delivers to the connector, its secret, the signature check and the multipart window. */
export function ProviderFields({
  form,
  connector,
}: {
  form: UseFormReturnType<ProviderValues>;
  connector: Connector | undefined;
}) {
  const { t } = useTranslation();
  const provider = form.values.provider;
  return (
    <>
      <Select
        label={t('connectors.provider.label')}
        description={t('connectors.provider.description')}
        data={providerOptions()}
        allowDeselect={false}
        {...form.getInputProps('provider')}
        name="provider"
        data-testid="connector-provider"
      />
      {isSigning(provider) && <SecretFields form={form} connector={connector} provider={provider} />}
      {deliversPartsSeparately(provider) && (
        <NumberInput
          label={t('connectors.provider.multipartWindow')}
          description={t('connectors.provider.multipartWindowDescription')}
          min={MULTIPART_WINDOW.min}
          max={MULTIPART_WINDOW.max}
          step={60}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('multipartWindowSeconds')}
          name="multipartWindowSeconds"
        />
      )}
    </>
  );
}

function SecretFields({
  form,
  connector,
  provider,
}: {
  form: UseFormReturnType<ProviderValues>;
  connector: Connector | undefined;
  provider: Exclude<Provider, 'generic' | 'cm'>;
}) {
  const { t } = useTranslation();
  const saved = Boolean(connector?.hasProviderSecret) && !form.values.removeSecret;
  const checkable = willHaveSecret(form.values, connector);
  const otherProvidersSecret = saved && connector?.provider !== provider && form.values.providerSecret === '';
  return (
    <>
      <Stack gap={4}>
        <PasswordInput
          label={t(`connectors.provider.secretLabel.${provider}`)}
          description={t('connectors.provider.secretDescription')}
          placeholder={saved ? t('connectors.provider.secretSet') : t('connectors.provider.secretNotSet')}
          autoComplete="new-password"
          {...form.getInputProps('providerSecret')}
          onChange={(event) => {
            form.setFieldValue('providerSecret', event.currentTarget.value);
            if (event.currentTarget.value !== '') form.setFieldValue('removeSecret', false);
          }}
          name="providerSecret"
          data-testid="connector-provider-secret"
        />
        {otherProvidersSecret && (
          <Text size="xs" c="orange.8">
            {t('connectors.provider.secretOfOtherProvider')}
          </Text>
        )}
        {connector?.hasProviderSecret && form.values.providerSecret === '' && (
          <Group gap="xs">
            {form.values.removeSecret ? (
              <>
                <Text size="xs" c="orange.8">
                  {t('connectors.provider.secretRemoved')}
                </Text>
                <Button size="compact-xs" variant="subtle" onClick={() => form.setFieldValue('removeSecret', false)}>
                  {t('connectors.provider.keepSecret')}
                </Button>
              </>
            ) : (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => form.setFieldValue('removeSecret', true)}
                data-testid="connector-remove-secret"
              >
                {t('connectors.provider.removeSecret')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Radio.Group
        label={t('connectors.provider.signatureCheck')}
        description={checkable ? undefined : t('connectors.provider.checkNeedsSecret')}
        {...form.getInputProps('signatureCheck')}
        value={checkable ? form.values.signatureCheck : 'off'}
        name="signatureCheck"
      >
        <Stack gap={8} mt={6}>
          {SIGNATURE_CHECKS.map((check) => (
            <Radio
              key={check}
              value={check}
              label={t(`status.signatureCheck.${check}`)}
              description={t(`connectors.provider.checkDescription.${check}`)}
              disabled={!checkable && check !== 'off'}
            />
          ))}
        </Stack>
      </Radio.Group>
    </>
  );
}
