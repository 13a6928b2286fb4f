import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { post } from '../api/http';
import { keys } from '../api/queries';
import type { Me } from '../api/types';
import { ErrorAlert } from '../common/page';
import { AuthCard } from './auth-card';

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() === '' ? 'Enter your e-mail address' : null),
      password: (value) => (value === '' ? 'Enter your password' : null),
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
      title="Sign in to Switchboard"
      subtitle="SMS routing for your contact center"
      footer={
        <>
          First sign-in: the admin printed when the server started.
          <br />
          For scripts and integrations: the{' '}
          <Anchor href="/api/docs" size="xs">
            API reference
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
        <Stack gap="md">
          <ErrorAlert error={login.error} title="Sign-in failed" />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            autoFocus
            {...form.getInputProps('email')}
            name="email"
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            {...form.getInputProps('password')}
            name="password"
          />
          <Button type="submit" fullWidth loading={login.isPending} mt={4}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
