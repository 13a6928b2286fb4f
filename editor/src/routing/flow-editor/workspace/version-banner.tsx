import { Button, Group, Text } from '@mantine/core';
import { Eye } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../common/format';
import { useWorkspace, useWorkspaceView } from './workspace-context';

/** Over the canvas while a published version is shown read-only. */
export function VersionBanner() {
  const { t } = useTranslation();
  const { commands } = useWorkspace();
  const version = useWorkspaceView((view) => view.viewing?.version);
  if (!version) return null;
  return (
    <div className="version-banner" data-testid="version-banner">
      <Eye size={15} />
      <Text size="sm">
        {t('flowEditor.banner.version', { number: version.number, date: formatDateTime(version.publishedAt) })}
        {version.comment ? t('flowEditor.banner.comment', { comment: version.comment }) : ''}
      </Text>
      <Group gap={6} ml="auto">
        <Button size="compact-xs" variant="white" onClick={commands.copyVersionIntoDraft}>
          {t('flowEditor.banner.copyIntoDraft')}
        </Button>
        <Button size="compact-xs" onClick={commands.backToDraft}>
          {t('flowEditor.banner.backToDraft')}
        </Button>
      </Group>
    </div>
  );
}
