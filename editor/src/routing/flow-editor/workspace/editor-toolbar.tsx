import { ActionIcon, Badge, Box, Button, Divider, FileButton, Group, Text, Tooltip } from '@mantine/core';
import { ArrowLeft, Download, LayoutDashboard, Redo2, Rocket, Save, Settings, Undo2, Upload } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useVersions } from '../../../api/queries';
import { Logo } from '../../../shell/logo';
import { hasUnsavedChanges } from '../editor-store';
import { SettingsModal } from '../settings-modal';
import { PublishModal } from './publish-modal';
import { useDraft, useWorkspace, useWorkspaceView } from './workspace-context';

/** The dark bar above the editor: where the draft stands, and what can be done with it. */
export function EditorToolbar() {
  return (
    <header className="editor-header">
      <DraftStatus />
      <Group gap={6} wrap="nowrap">
        <HistoryButtons />
        <Divider orientation="vertical" color="dark.4" mx={4} />
        <GraphButtons />
        <Divider orientation="vertical" color="dark.4" mx={4} />
        <SaveAndPublish />
      </Group>
    </header>
  );
}

/** The application's name, whether the draft is saved, and which versions take traffic. */
function DraftStatus() {
  const { application } = useWorkspace();
  const versions = useVersions(application.id);
  const dirty = useDraft(hasUnsavedChanges);
  const viewing = useWorkspaceView((view) => view.viewing?.version.number);
  const active = versions.data?.find((version) => version.id === application.activeVersionId);
  const test = versions.data?.find((version) => version.id === application.testVersionId);
  return (
    <Group gap={10} wrap="nowrap" style={{ minWidth: 0 }}>
      <Tooltip label="Back to the routing applications">
        <ActionIcon component={Link} to="/routing-applications" variant="subtle" color="gray.3" aria-label="Back">
          <ArrowLeft size={18} />
        </ActionIcon>
      </Tooltip>
      <Logo size={22} />
      <Box style={{ minWidth: 0 }}>
        <Text c="white" fw={600} size="sm" truncate maw={320} data-testid="application-name">
          {application.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="gray.4">
            {viewing !== undefined ? `Viewing v${viewing}` : dirty ? 'Draft · unsaved changes' : 'Draft · saved'}
          </Text>
          {active && (
            <Badge size="xs" color="teal" variant="filled">
              Active v{active.number}
            </Badge>
          )}
          {test && (
            <Badge size="xs" color="grape" variant="filled">
              Test v{test.number}
            </Badge>
          )}
          {versions.data && !active && (
            <Badge size="xs" color="gray" variant="filled">
              Not published
            </Badge>
          )}
        </Group>
      </Box>
    </Group>
  );
}

function ToolbarIcon({
  label,
  tooltip = label,
  onClick,
  disabled,
  loading,
  children,
}: {
  label: string;
  tooltip?: string;
  onClick(): void;
  disabled?: boolean;
  loading?: boolean;
  children: ReactNode;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon
        variant="subtle"
        color="gray.3"
        onClick={onClick}
        disabled={disabled}
        loading={loading}
        aria-label={label}
        className="header-icon"
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

function HistoryButtons() {
  const { commands } = useWorkspace();
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const canUndo = useDraft((state) => state.past.length > 0) && !viewing;
  const canRedo = useDraft((state) => state.future.length > 0) && !viewing;
  return (
    <>
      <ToolbarIcon label="Undo" tooltip="Undo (Ctrl+Z)" onClick={commands.undo} disabled={!canUndo}>
        <Undo2 size={17} />
      </ToolbarIcon>
      <ToolbarIcon label="Redo" tooltip="Redo (Ctrl+Y)" onClick={commands.redo} disabled={!canRedo}>
        <Redo2 size={17} />
      </ToolbarIcon>
    </>
  );
}

function GraphButtons() {
  const { application, acdGroups, commands } = useWorkspace();
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const layingOut = useWorkspaceView((view) => view.layingOut);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <>
      <ToolbarIcon
        label="Auto-layout"
        onClick={() => void commands.autoLayout()}
        disabled={viewing}
        loading={layingOut}
      >
        <LayoutDashboard size={17} />
      </ToolbarIcon>
      <ToolbarIcon label="Export" tooltip="Export as JSON" onClick={commands.exportGraph}>
        <Download size={17} />
      </ToolbarIcon>
      <FileButton onChange={(file) => void commands.importGraph(file)} accept="application/json,.json">
        {(props) => (
          <Tooltip label="Import a JSON file into the draft">
            <ActionIcon {...props} variant="subtle" color="gray.3" aria-label="Import" className="header-icon">
              <Upload size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </FileButton>
      <ToolbarIcon label="Application settings" onClick={() => setSettingsOpen(true)}>
        <Settings size={17} />
      </ToolbarIcon>
      {settingsOpen && (
        <SettingsModal application={application} groups={acdGroups} onClose={() => setSettingsOpen(false)} />
      )}
    </>
  );
}

function SaveAndPublish() {
  const { application, commands } = useWorkspace();
  const versions = useVersions(application.id);
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const saving = useWorkspaceView((view) => view.saving);
  const problemCount = useDraft((state) => state.problems.length);
  const [publishing, setPublishing] = useState(false);
  const firstVersion = !versions.data?.some((version) => version.id === application.activeVersionId);
  const publishBlocked =
    problemCount > 0
      ? `Fix the ${problemCount} problem${problemCount === 1 ? '' : 's'} first (see the Problems tab)`
      : undefined;
  return (
    <>
      <Tooltip label="Save draft (Ctrl+S)">
        <Button
          size="xs"
          variant="default"
          leftSection={<Save size={14} />}
          onClick={() => void commands.saveDraft()}
          loading={saving}
          disabled={viewing}
          data-testid="save-draft"
        >
          Save draft
        </Button>
      </Tooltip>
      <Tooltip label={publishBlocked ?? 'Freeze the draft into a new version'}>
        <span>
          <Button
            size="xs"
            leftSection={<Rocket size={14} />}
            disabled={Boolean(publishBlocked) || viewing}
            onClick={() => setPublishing(true)}
            data-testid="publish"
          >
            Publish
          </Button>
        </span>
      </Tooltip>
      {publishing && <PublishModal onClose={() => setPublishing(false)} firstVersion={firstVersion} />}
    </>
  );
}
