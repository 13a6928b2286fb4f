import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../api/http';
import { ErrorAlert } from '../common/page';
import { passwordProblem, PASSWORD_RULE } from '../common/password';
import { AuthCard } from './auth-card';

/** The token of the e-mailed link, which travels in the fragment so no server ever logs it. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** Where an invited user (or one who lost their password) chooses a password, from an e-mailed link. */
export function SetPasswordPage() {
  const [token] = useState(tokenFromLocation);
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
      repeat: (value, values) => (value === values.password ? null : 'The two passwords differ'),
    },
  });
  const choose = useMutation({
    mutationFn: (password: string) => post<{ email: string }>('/api/auth/password-link/use', { token, password }),
  });

  return (
    <AuthCard
      title="Choose your password"
      subtitle={link.data && `${link.data.displayName} · ${link.data.email}`}
      footer={
        <>
          Already have a password?{' '}
          <Anchor component={Link} to="/login" size="xs">
            Sign in
          </Anchor>
        </>
      }
    >
      {token === '' ? (
        <Alert color="red" variant="light" role="alert" title="This page needs the link from your e-mail">
          Open the link in the e-mail you received, all of it.
        </Alert>
      ) : link.isPending ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : link.error ? (
        <ErrorAlert error={link.error} title="The link does not work" />
      ) : choose.isSuccess ? (
        <Stack gap="md" data-testid="password-chosen">
          <Alert color="teal" variant="light" icon={<CircleCheck size={18} />} title="Password set">
            You can now sign in as {choose.data.email}.
          </Alert>
          <Button component={Link} to="/login" replace fullWidth>
            Sign in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((values) => choose.mutate(values.password))} noValidate>
          <Stack gap="md">
            <ErrorAlert error={choose.error} title="The password was not set" />
            <PasswordInput
              label="New password"
              description={PASSWORD_RULE}
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput label="Repeat it" autoComplete="new-password" {...form.getInputProps('repeat')} />
            <Button type="submit" fullWidth loading={choose.isPending} mt={4}>
              Set password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
