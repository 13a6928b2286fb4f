import { Button, Group, Menu, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Braces } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANNED_PLACEHOLDER_WORDS,
  CANNED_TEXT_MAX,
  CANNED_TITLE_MAX,
  cannedPlaceholders,
  placeholderToken,
  renderCanned,
  SHORTCUT,
  SHORTCUT_MAX,
  unknownPlaceholders,
  type CannedPlaceholder,
  type CannedValues,
} from '../../../contract/canned-placeholders';
import { keys, patch, post } from '../api/queries';
import type { CannedResponse } from '../api/types';
import { FormModal, useModalForm } from '../common/form-modal';
import { requiredTextProblem } from '../common/validation';

interface Values {
  shortcut: string;
  title: string;
  text: string;
}

const FIELDS = ['shortcut', 'title', 'text'] as const;

/** Creates a canned response or edits one: its shortcut, title and text, with a placeholder picker and a preview. */
export function CannedResponseFormModal({
  clientId,
  response,
  onClose,
}: {
  clientId: string;
  response: CannedResponse | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const { form, field, modal } = useModalForm<Values, CannedResponse>({
    initialValues: {
      shortcut: response?.shortcut ?? '',
      title: response?.title ?? '',
      text: response?.text ?? '',
    },
    // The rules of the server's cannedResponseBody (contract/canned-responses.ts).
    validate: {
      shortcut: (value) => {
        const trimmed = value.trim();
        if (trimmed === '') return t('cannedResponses.form.enterShortcut');
        if (trimmed.length > SHORTCUT_MAX) return t('cannedResponses.form.atMost', { max: SHORTCUT_MAX });
        return SHORTCUT.test(trimmed) ? null : t('cannedResponses.form.shortcutForm');
      },
      title: (value) =>
        requiredTextProblem(value, CANNED_TITLE_MAX, {
          empty: t('cannedResponses.form.enterTitle'),
          tooLong: t('cannedResponses.form.atMost', { max: CANNED_TITLE_MAX }),
        }),
      text: (value) => {
        if (value === '') return t('cannedResponses.form.enterText');
        if (value.length > CANNED_TEXT_MAX) return t('cannedResponses.form.atMost', { max: CANNED_TEXT_MAX });
        const [unknown] = unknownPlaceholders(value);
        return unknown === undefined ? null : t('cannedResponses.form.unknownPlaceholder', { placeholder: unknown });
      },
    },
    save: (v) => {
      const body = { shortcut: v.shortcut.trim(), title: v.title.trim(), text: v.text };
      return response
        ? patch<CannedResponse>(`/api/canned-responses/${response.id}`, body)
        : post<CannedResponse>('/api/canned-responses', { ...body, clientId });
    },
    invalidate: [keys.cannedResponses(clientId)],
    fields: FIELDS,
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: response
          ? t('cannedResponses.form.saved', { shortcut: saved.shortcut })
          : t('cannedResponses.form.created', { shortcut: saved.shortcut }),
      });
      onClose();
    },
  });

  /** Puts a placeholder where the cursor is (or replaces the selection), and the cursor after it. */
  const insert = (name: CannedPlaceholder) => {
    const text = form.getValues().text;
    const area = textArea.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    const token = placeholderToken(name);
    form.setFieldValue('text', text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const samples = Object.fromEntries(
    cannedPlaceholders.map((name) => [name, t(`cannedResponses.sample.${CANNED_PLACEHOLDER_WORDS[name]}`)]),
  ) as CannedValues;
  const preview = renderCanned(form.getValues().text, samples).text;

  return (
    <FormModal
      title={
        response ? t('cannedResponses.editName', { shortcut: response.shortcut }) : t('cannedResponses.newResponse')
      }
      submitLabel={response ? t('common.save') : t('cannedResponses.form.create')}
      onClose={onClose}
      {...modal}
      size="lg"
      testId="canned-response-form"
    >
      <TextInput
        label={t('cannedResponses.shortcut')}
        description={t('cannedResponses.form.shortcutDescription')}
        leftSection="/"
        required
        data-autofocus
        {...field('shortcut')}
      />
      <TextInput label={t('cannedResponses.responseTitle')} required {...field('title')} />
      <Stack gap={4}>
        <Group justify="space-between" align="flex-end">
          <Text size="sm" fw={500}>
            {t('cannedResponses.text')}
          </Text>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<Braces size={14} />}
                data-testid="insert-placeholder"
              >
                {t('cannedResponses.form.insertPlaceholder')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {cannedPlaceholders.map((name) => (
                <Menu.Item
                  key={name}
                  onClick={() => insert(name)}
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {placeholderToken(name)}
                    </Text>
                  }
                >
                  {t(`cannedResponses.placeholder.${CANNED_PLACEHOLDER_WORDS[name]}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Textarea
          ref={textArea}
          aria-label={t('cannedResponses.text')}
          description={t('cannedResponses.form.textDescription')}
          autosize
          minRows={4}
          maxRows={12}
          required
          {...field('text')}
        />
      </Stack>
      {preview.trim() !== '' && (
        <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed" mb={4}>
            {t('cannedResponses.form.preview')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="canned-preview">
            {preview}
          </Text>
        </Paper>
      )}
    </FormModal>
  );
}
