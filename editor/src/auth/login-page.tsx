import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { post } from '../api/http';
import { keys } from '../api/queries';
import type { Me } from '../api/types';
import { ErrorAlert } from '../common/page';
import { GuestLanguageSwitch } from '../i18n/language-switch';
import { AuthCard } from './auth-card';
import { apiDocsLink } from '../common/api-docs-link';

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() === '' ? t('auth.login.enterEmail') : null),
      password: (value) => (value === '' ? t('auth.login.enterPassword') : null),
    },
  });
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => post<Me>('/api/auth/login', values),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    },
  });

  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.firstSignIn')}
          <br />
          {t('auth.login.forScripts')}{' '}
          <Anchor {...apiDocsLink} size="xs">
            {t('shell.apiReference')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
        <Stack gap="md">
          <ErrorAlert error={login.error} title={t('auth.login.failed')} />
          <TextInput
            label={t('auth.login.email')}
            type="email"
            autoComplete="username"
            autoFocus
            {...form.getInputProps('email')}
            name="email"
          />
          <PasswordInput
            label={t('auth.login.password')}
            autoComplete="current-password"
            {...form.getInputProps('password')}
            name="password"
          />
          <Button type="submit" fullWidth loading={login.isPending} mt={4}>
            {t('auth.login.signIn')}
          </Button>
          <GuestLanguageSwitch />
        </Stack>
      </form>
    </AuthCard>
  );
}
