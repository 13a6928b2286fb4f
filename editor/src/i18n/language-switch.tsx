import { SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../i18n/languages';
import { patch } from '../api/http';
import { keys } from '../api/queries';
import type { Me } from '../api/types';
import { browserLanguage, i18n } from './setup-i18n';
import { useLanguage } from './use-language';

/** English / Deutsch, each named in its own language. */
export function LanguageSwitch({ value, onChange }: { value: Language; onChange(language: Language): void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      fullWidth
      aria-label={t('shell.language')}
      data-testid="language-switch"
      value={value}
      onChange={(next) => onChange(next as Language)}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}

/** Before signing in: the browser's language, changed for this visit only. */
export function GuestLanguageSwitch() {
  const language = useLanguage();
  return <LanguageSwitch value={language} onChange={(next) => void i18n.changeLanguage(next)} />;
}

/** The signed-in user's choice, stored with their account. */
export function AccountLanguageSwitch() {
  const language = useLanguage();
  const queryClient = useQueryClient();
  const choose = async (next: Language) => {
    await i18n.changeLanguage(next);
    try {
      const me = await patch<Me>('/api/auth/me', { language: next });
      queryClient.setQueryData(keys.me, me);
    } catch (error) {
      notifications.show({
        color: 'red',
        message: i18n.t('account.languageNotSaved', {
          message: error instanceof Error ? error.message : String(error),
        }),
      });
    }
  };
  return <LanguageSwitch value={language} onChange={(next) => void choose(next)} />;
}

/** Speaks the account's language (the browser's while it chose none), from before the first paint. */
export function useAccountLanguage(me: Me): void {
  useLayoutEffect(() => {
    const wanted = me.language ?? browserLanguage();
    if (i18n.language !== wanted) void i18n.changeLanguage(wanted);
  }, [me.language]);
}
