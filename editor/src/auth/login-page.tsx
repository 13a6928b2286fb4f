import { Anchor, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { post } from '../api/http';
import { keys } from '../api/queries';
import type { Me } from '../api/types';
import { ErrorAlert } from '../common/page';
import { Logo } from '../shell/logo';

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
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w={380}>
        <Stack align="center" gap={6} mb="lg">
          <Logo size={40} />
          <Title order={1} fz={24} fw={600} mt={6}>
            Sign in to Switchboard
          </Title>
          <Text size="sm" c="dimmed">
            SMS routing for your contact center
          </Text>
        </Stack>
        <Paper withBorder shadow="xs" p="xl" radius="md">
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
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          First sign-in: the admin printed when the server started.
          <br />
          For scripts and integrations: the{' '}
          <Anchor href="/api/docs" size="xs">
            API reference
          </Anchor>
        </Text>
      </Box>
    </Center>
  );
}
