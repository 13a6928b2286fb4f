import { Button, Group, Text } from '@mantine/core';
import { Eye } from 'lucide-react';
import { formatDateTime } from '../../../common/format';
import { useWorkspace, useWorkspaceView } from './workspace-context';

/** Over the canvas while a published version is shown read-only. */
export function VersionBanner() {
  const { commands } = useWorkspace();
  const version = useWorkspaceView((view) => view.viewing?.version);
  if (!version) return null;
  return (
    <div className="version-banner" data-testid="version-banner">
      <Eye size={15} />
      <Text size="sm">
        Version {version.number} (read-only), published {formatDateTime(version.publishedAt)}
        {version.comment ? ` — “${version.comment}”` : ''}
      </Text>
      <Group gap={6} ml="auto">
        <Button size="compact-xs" variant="white" onClick={commands.copyVersionIntoDraft}>
          Copy into draft
        </Button>
        <Button size="compact-xs" onClick={commands.backToDraft}>
          Back to the draft
        </Button>
      </Group>
    </div>
  );
}
