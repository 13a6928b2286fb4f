import { ActionIcon, Button, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Play, Save, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post, type Page } from '../../api/http';
import type { TestCase, TestCaseInput } from '../../api/types';
import { ErrorAlert } from '../../common/page';

export type { TestCaseInput };

/** The test cases saved with the application: save the form as one, run one again with a click. */
export function SavedTestCases({
  applicationId,
  inputNow,
  onRun,
}: {
  applicationId: string;
  inputNow(): TestCaseInput | undefined;
  onRun(input: TestCaseInput): void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const path = `/api/routing-applications/${applicationId}/test-cases`;
  const key = ['routing-test-cases', applicationId];
  const [name, setName] = useState('');
  const cases = useQuery({ queryKey: key, queryFn: () => get<Page<TestCase>>(path) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const save = useMutation({
    mutationFn: (body: TestCaseInput & { name: string }) => post<TestCase>(path, body),
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`${path}/${id}`), onSuccess: () => void refresh() });

  const saveNow = () => {
    const input = inputNow();
    if (input && name.trim() !== '') save.mutate({ ...input, name: name.trim() });
  };

  return (
    <Stack gap={6} pt={6} data-testid="saved-test-cases" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="xs" fw={600}>
        {t('flowEditor.testCases.title')}
      </Text>
      <Group gap={6} wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          label={t('flowEditor.testCases.name')}
          placeholder={t('flowEditor.testCases.namePlaceholder')}
          className="nokey"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              saveNow();
            }
          }}
        />
        <Button
          size="xs"
          variant="light"
          leftSection={<Save size={13} />}
          disabled={name.trim() === ''}
          loading={save.isPending}
          onClick={saveNow}
        >
          {t('flowEditor.testCases.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error ?? remove.error ?? cases.error} title={t('flowEditor.testCases.failed')} />
      {cases.data?.items.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('flowEditor.testCases.none')}
        </Text>
      )}
      {cases.data?.items.map((testCase) => (
        <Group key={testCase.id} gap={4} wrap="nowrap" data-test-case={testCase.name}>
          <UnstyledButton
            className="test-case-run"
            style={{ flex: 1, display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}
            onClick={() => onRun(testCase.input)}
            aria-label={t('flowEditor.testCases.run', { name: testCase.name })}
            title={t('flowEditor.testCases.run', { name: testCase.name })}
          >
            <Play size={13} color="var(--mantine-color-blue-6)" style={{ flexShrink: 0 }} />
            <Text size="xs" truncate>
              {testCase.name}
            </Text>
          </UnstyledButton>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            aria-label={t('flowEditor.testCases.delete', { name: testCase.name })}
            onClick={() => remove.mutate(testCase.id)}
          >
            <Trash2 size={13} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
