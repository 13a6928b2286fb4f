import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../api/http';
import { ErrorAlert } from '../common/page';
import { passwordProblem, passwordRule } from '../common/password';
import { AuthCard } from './auth-card';

/** The token of the e-mailed link, which travels in the fragment so no server ever logs it. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** Where an invited user (or one who lost their password) chooses a password, from an e-mailed link. */
export function SetPasswordPage() {
  const [token] = useState(tokenFromLocation);
  const { t } = useTranslation();
  const link = useQuery({
    queryKey: ['password-link', token],
    queryFn: () => post<{ email: string; displayName: string }>('/api/auth/password-link/check', { token }),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) => passwordProblem(value),
      repeat: (value, values) => (value === values.password ? null : t('auth.setPassword.differ')),
    },
  });
  const choose = useMutation({
    mutationFn: (password: string) => post<{ email: string }>('/api/auth/password-link/use', { token, password }),
  });

  return (
    <AuthCard
      title={t('auth.setPassword.title')}
      subtitle={link.data && `${link.data.displayName} · ${link.data.email}`}
      footer={
        <>
          {t('auth.setPassword.alreadyHave')}{' '}
          <Anchor component={Link} to="/login" size="xs">
            {t('auth.login.signIn')}
          </Anchor>
        </>
      }
    >
      {token === '' ? (
        <Alert color="red" variant="light" role="alert" title={t('auth.setPassword.needsLink')}>
          {t('auth.setPassword.openWholeLink')}
        </Alert>
      ) : link.isPending ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : link.error ? (
        <ErrorAlert error={link.error} title={t('auth.setPassword.linkBroken')} />
      ) : choose.isSuccess ? (
        <Stack gap="md" data-testid="password-chosen">
          <Alert
            color="teal"
            variant="light"
            icon={<CircleCheck size={18} />}
            title={t('auth.setPassword.passwordSet')}
          >
            {t('auth.setPassword.canSignInAs', { email: choose.data.email })}
          </Alert>
          <Button component={Link} to="/login" replace fullWidth>
            {t('auth.login.signIn')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((values) => choose.mutate(values.password))} noValidate>
          <Stack gap="md">
            <ErrorAlert error={choose.error} title={t('auth.setPassword.notSet')} />
            <PasswordInput
              label={t('auth.setPassword.newPassword')}
              description={passwordRule()}
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label={t('auth.setPassword.repeat')}
              autoComplete="new-password"
              {...form.getInputProps('repeat')}
            />
            <Button type="submit" fullWidth loading={choose.isPending} mt={4}>
              {t('auth.setPassword.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
