import { ActionIcon, Badge, Tabs } from '@mantine/core';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-store';
import { ProblemsList } from '../problems-list';
import { TestPanel } from '../test-panel';
import { VersionsPanel } from '../versions-panel';
import { useWorkspace, useWorkspaceView, type BottomTab } from './workspace-context';

const isBottomTab = (value: string | null): value is BottomTab =>
  value === 'problems' || value === 'test' || value === 'versions';

/** The drawer under the canvas: problems, the test run and the versions, collapsible. */
export function BottomDrawer() {
  const { t } = useTranslation();
  const { application, groupName, commands } = useWorkspace();
  const tab = useWorkspaceView((view) => view.tab);
  const panelOpen = useWorkspaceView((view) => view.panelOpen);
  const viewing = useWorkspaceView((view) => view.viewing?.version.number);
  return (
    <section className="editor-bottom" data-open={panelOpen || undefined}>
      <Tabs
        value={tab}
        onChange={(value) => isBottomTab(value) && commands.showTab(value)}
        keepMounted
        className="bottom-tabs"
      >
        <Tabs.List>
          <Tabs.Tab value="problems" rightSection={<ProblemBadge />}>
            {t('flowEditor.drawer.problems')}
          </Tabs.Tab>
          <Tabs.Tab value="test">{t('flowEditor.drawer.test')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('flowEditor.drawer.versions')}</Tabs.Tab>
          <ActionIcon
            variant="subtle"
            color="gray"
            ml="auto"
            mr={6}
            my={4}
            onClick={commands.togglePanel}
            aria-label={panelOpen ? t('flowEditor.drawer.collapse') : t('flowEditor.drawer.expand')}
          >
            {panelOpen ? <ChevronDown size={16} /> : <ChevronUp size={16} />}
          </ActionIcon>
        </Tabs.List>
        <Tabs.Panel value="problems" className="bottom-panel">
          <ProblemsList />
        </Tabs.Panel>
        <Tabs.Panel value="test" className="bottom-panel">
          <TestPanel applicationId={application.id} groupName={groupName} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" className="bottom-panel">
          <VersionsPanel
            application={application}
            viewing={viewing}
            onOpen={(version) => void commands.openVersion(version)}
          />
        </Tabs.Panel>
      </Tabs>
    </section>
  );
}

/** The number of problems of the graph on the canvas, on the Problems tab. */
function ProblemBadge() {
  const count = useEditor((state) => state.problems.length);
  return (
    <Badge
      size="xs"
      circle={count < 10}
      color={count ? 'red' : 'teal'}
      variant={count ? 'filled' : 'light'}
      data-testid="problem-count"
    >
      {count}
    </Badge>
  );
}
