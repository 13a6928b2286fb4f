import { Button, Group, Modal, Text } from '@mantine/core';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { hasUnsavedChanges, type EditorStore } from '../editor-store';

/**
 * Unsaved work is not lost to a closed tab or a reload without the browser's warning, nor to the
 * back arrow, a link or the browser's back button inside the app without this prompt.
 */
export function LeavePrompt({ draft }: { draft: EditorStore }) {
  const { t } = useTranslation();
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (hasUnsavedChanges(draft.getState())) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draft]);
  const leaving = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) =>
        currentLocation.pathname !== nextLocation.pathname && hasUnsavedChanges(draft.getState()),
      [draft],
    ),
  );
  if (leaving.state !== 'blocked') return null;
  const stay = () => leaving.reset();
  return (
    <Modal opened onClose={stay} title={<Text fw={600}>{t('flowEditor.leave.title')}</Text>} centered>
      <Text size="sm">{t('flowEditor.leave.text')}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={stay} data-autofocus>
          {t('flowEditor.leave.stay')}
        </Button>
        <Button color="red" onClick={() => leaving.proceed()}>
          {t('flowEditor.leave.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
