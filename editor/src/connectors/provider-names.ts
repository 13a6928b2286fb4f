import { PROVIDERS, type Provider } from '../api/types';
import { t } from '../i18n/setup-i18n';

export const providerName = (provider: Provider) => t(`status.provider.${provider}`);

/** The provider choice, in the contract's order. */
export const providerOptions = () => PROVIDERS.map((value) => ({ value, label: providerName(value) }));
