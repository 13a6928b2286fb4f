import { Center, Loader, Stack, Text } from '@mantine/core';

export function EditorLoading() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Opening the editor …
        </Text>
      </Stack>
    </Center>
  );
}
