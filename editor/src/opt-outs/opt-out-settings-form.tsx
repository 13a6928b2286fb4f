import { Button, Group, Paper, Skeleton, Stack, Switch, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { OPT_OUT_KEYWORD_MAX } from '../../../contract/opt-out-keywords';
import { OPT_OUT_KEYWORDS_MAX, type OptOutSettingsBody } from '../../../contract/opt-outs';
import { MAX_SMS_CHARACTERS } from '../../../contract/sms-segments';
import { ApiError, put } from '../api/http';
import { useApiMutation } from '../api/queries';
import { useCheckedForm } from '../common/form-modal';
import { ErrorAlert, formError } from '../common/page';
import { optOutKeys, useOptOutSettings, type OptOutSettings } from './opt-out-queries';

interface Values {
  enabled: boolean;
  optOutKeywords: string[];
  optInKeywords: string[];
  optOutConfirmation: string;
  optInConfirmation: string;
}

const FIELDS = ['enabled', 'optOutKeywords', 'optInKeywords', 'optOutConfirmation', 'optInConfirmation'] as const;

/** The client's opt-out keywords and confirmation texts, saved in one request. */
export function OptOutSettingsCard({ clientId }: { clientId: string }) {
  const settings = useOptOutSettings(clientId);
  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton h={360} />;
  // Keyed by the saved time: a save (or another client) starts the form from what is stored.
  return <SettingsForm key={`${clientId}-${settings.data.updatedAt}`} clientId={clientId} settings={settings.data} />;
}

/** A field's message from the API, also for one element of a list (`optOutKeywords.2`). */
function apiFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.field === undefined) return undefined;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.fieldMessage : undefined;
}

function SettingsForm({ clientId, settings }: { clientId: string; settings: OptOutSettings }) {
  const { t } = useTranslation();
  const keywordProblem = (list: string[]) => {
    if (list.length > OPT_OUT_KEYWORDS_MAX) return t('optOuts.settings.tooMany', { max: OPT_OUT_KEYWORDS_MAX });
    const bad = list.find(
      (word) => word.length > OPT_OUT_KEYWORD_MAX || !/^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(word),
    );
    return bad === undefined ? null : t('optOuts.reason.keyword');
  };
  const form = useCheckedForm<Values>(
    {
      enabled: settings.enabled,
      optOutKeywords: settings.optOutKeywords,
      optInKeywords: settings.optInKeywords,
      optOutConfirmation: settings.optOutConfirmation ?? '',
      optInConfirmation: settings.optInConfirmation ?? '',
    },
    // The rules of the server's optOutSettingsBody (contract/opt-outs.ts).
    {
      optOutKeywords: (list) => (list.length === 0 ? t('optOuts.reason.noKeyword') : keywordProblem(list)),
      optInKeywords: (list, values) => {
        const both = list.filter((word) =>
          values.optOutKeywords.some((other) => other.toUpperCase() === word.toUpperCase()),
        );
        return both.length > 0 ? t('optOuts.reason.bothLists', { keywords: both.join(', ') }) : keywordProblem(list);
      },
    },
  );
  const save = useApiMutation(
    (values: Values) =>
      put<OptOutSettings>(`/api/opt-outs/settings/${clientId}`, {
        enabled: values.enabled,
        optOutKeywords: values.optOutKeywords,
        optInKeywords: values.optInKeywords,
        optOutConfirmation: values.optOutConfirmation.trim() || null,
        optInConfirmation: values.optInConfirmation.trim() || null,
      } satisfies OptOutSettingsBody),
    [optOutKeys.settings(clientId)],
  );
  const field = (name: (typeof FIELDS)[number]) => ({
    ...form.getInputProps(name),
    error: form.errors[name] ?? apiFieldError(save.error, name),
  });
  const submit = form.onSubmit((values) =>
    save.mutate(values, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('optOuts.settings.saved') }),
    }),
  );
  const upper = (list: string[]) => [...new Set(list.map((word) => word.trim().toUpperCase()).filter(Boolean))];
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate data-testid="opt-out-settings">
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('optOuts.settings.heading')}</Title>
          <Text size="sm" c="dimmed">
            {t('optOuts.settings.description')}
          </Text>
        </div>
        <ErrorAlert title={t('optOuts.settings.notSaved')} error={formError(save.error, FIELDS)} />
        <Switch
          label={t('optOuts.settings.enabled')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
          data-testid="opt-out-enabled"
        />
        <TagsInput
          label={t('optOuts.settings.optOutKeywords')}
          description={t('optOuts.settings.keywordsHint')}
          {...field('optOutKeywords')}
          onChange={(list) => form.setFieldValue('optOutKeywords', upper(list))}
          clearable
          data-testid="opt-out-keywords"
        />
        <TagsInput
          label={t('optOuts.settings.optInKeywords')}
          description={t('optOuts.settings.keywordsHint')}
          {...field('optInKeywords')}
          onChange={(list) => form.setFieldValue('optInKeywords', upper(list))}
          clearable
          data-testid="opt-in-keywords"
        />
        <Textarea
          label={t('optOuts.settings.optOutConfirmation')}
          description={t('optOuts.settings.confirmationHint')}
          autosize
          minRows={2}
          maxLength={MAX_SMS_CHARACTERS}
          {...field('optOutConfirmation')}
          data-testid="opt-out-confirmation"
        />
        <Textarea
          label={t('optOuts.settings.optInConfirmation')}
          description={t('optOuts.settings.confirmationHint')}
          autosize
          minRows={2}
          maxLength={MAX_SMS_CHARACTERS}
          {...field('optInConfirmation')}
          data-testid="opt-in-confirmation"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="save-opt-out-settings">
            {t('optOuts.settings.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
