import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from '../shell/logo';

/** The frame of the pages one sees before signing in: logo, title, a card, a line below. */
export function AuthCard({
  title,
  subtitle,
  footer,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Box w={390}>
        <Stack align="center" gap={6} mb="lg">
          <Logo size={40} />
          <Title order={1} fz={24} fw={600} mt={6}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          )}
        </Stack>
        <Paper withBorder shadow="xs" p="xl" radius="md">
          {children}
        </Paper>
        {footer && (
          <Text size="xs" c="dimmed" ta="center" mt="md">
            {footer}
          </Text>
        )}
      </Box>
    </Center>
  );
}
