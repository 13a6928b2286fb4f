import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Rocket } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../../api/http';
import { keys } from '../../../api/queries';
import type { Version } from '../../../api/types';
import { ErrorAlert } from '../../../common/page';
import { hasUnsavedChanges } from '../editor-store';
import { useWorkspace } from './workspace-context';

/** Freezes the draft (saved first when it has changes) into a new version, with a comment. */
export function PublishModal({ onClose, firstVersion }: { onClose(): void; firstVersion: boolean }) {
  const { t } = useTranslation();
  const { application, draft, view, commands } = useWorkspace();
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: async () => {
      const saved = hasUnsavedChanges(draft.getState()) ? await commands.saveDraft(true) : true;
      if (!saved) throw new Error(t('flowEditor.publish.notSaved'));
      return post<Version>(`/api/routing-applications/${application.id}/publish`, { comment });
    },
    onSuccess: async (version) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.versions(application.id) }),
        queryClient.invalidateQueries({ queryKey: keys.application(application.id) }),
        queryClient.invalidateQueries({ queryKey: keys.applications(application.clientId) }),
      ]);
      notifications.show({
        color: 'teal',
        title: t('flowEditor.publish.published', { number: version.number }),
        message: firstVersion ? t('flowEditor.publish.activeNow') : t('flowEditor.publish.makeActiveLater'),
      });
      view.setState({ tab: 'versions' });
      onClose();
    },
  });
  const problems = (publish.error as { body?: { problems?: { message: string }[] } } | null)?.body?.problems;
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('flowEditor.publish.title')}</Text>} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          publish.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={publish.error} title={t('flowEditor.publish.notPublished')} />
          {problems && (
            <Stack gap={2}>
              {problems.slice(0, 5).map((problem, index) => (
                <Text key={index} size="xs" c="red.8">
                  {problem.message}
                </Text>
              ))}
            </Stack>
          )}
          <Textarea
            label={t('flowEditor.publish.comment')}
            placeholder={t('flowEditor.publish.commentPlaceholder')}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
            name="comment"
          />
          <Text size="xs" c="dimmed">
            {firstVersion ? t('flowEditor.publish.firstBecomesActive') : t('flowEditor.publish.inactiveUntilChosen')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('flowEditor.publish.cancel')}
            </Button>
            <Button
              type="submit"
              loading={publish.isPending}
              leftSection={<Rocket size={14} />}
              data-testid="confirm-publish"
            >
              {t('flowEditor.publish.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
