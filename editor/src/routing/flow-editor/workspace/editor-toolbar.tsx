import { ActionIcon, Badge, Box, Button, Divider, FileButton, Group, Text, Tooltip } from '@mantine/core';
import { ArrowLeft, Download, LayoutDashboard, Redo2, Rocket, Save, Settings, Undo2, Upload } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useVersions } from '../../../api/queries';
import { Logo } from '../../../shell/logo';
import { hasUnsavedChanges } from '../editor-store';
import { ApplicationFormModal } from '../../application-form';
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
  const { t } = useTranslation();
  const { application } = useWorkspace();
  const versions = useVersions(application.id);
  const dirty = useDraft(hasUnsavedChanges);
  const viewing = useWorkspaceView((view) => view.viewing?.version.number);
  const active = versions.data?.find((version) => version.id === application.activeVersionId);
  const test = versions.data?.find((version) => version.id === application.testVersionId);
  return (
    <Group gap={10} wrap="nowrap" style={{ minWidth: 0 }}>
      <Tooltip label={t('flowEditor.page.backToList')}>
        <ActionIcon
          component={Link}
          to="/routing-applications"
          variant="subtle"
          color="gray.3"
          aria-label={t('flowEditor.toolbar.back')}
        >
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
            {viewing !== undefined
              ? t('flowEditor.toolbar.viewing', { number: viewing })
              : dirty
                ? t('flowEditor.toolbar.draftUnsaved')
                : t('flowEditor.toolbar.draftSaved')}
          </Text>
          {active && (
            <Badge size="xs" color="teal" variant="filled">
              {t('flowEditor.toolbar.activeVersion', { number: active.number })}
            </Badge>
          )}
          {test && (
            <Badge size="xs" color="grape" variant="filled">
              {t('flowEditor.toolbar.testVersion', { number: test.number })}
            </Badge>
          )}
          {versions.data && !active && (
            <Badge size="xs" color="gray" variant="filled">
              {t('flowEditor.toolbar.notPublished')}
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
  const { t } = useTranslation();
  const { commands } = useWorkspace();
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const canUndo = useDraft((state) => state.past.length > 0) && !viewing;
  const canRedo = useDraft((state) => state.future.length > 0) && !viewing;
  return (
    <>
      <ToolbarIcon
        label={t('flowEditor.toolbar.undo')}
        tooltip={t('flowEditor.toolbar.undoHint')}
        onClick={commands.undo}
        disabled={!canUndo}
      >
        <Undo2 size={17} />
      </ToolbarIcon>
      <ToolbarIcon
        label={t('flowEditor.toolbar.redo')}
        tooltip={t('flowEditor.toolbar.redoHint')}
        onClick={commands.redo}
        disabled={!canRedo}
      >
        <Redo2 size={17} />
      </ToolbarIcon>
    </>
  );
}

function GraphButtons() {
  const { t } = useTranslation();
  const { application, acdGroups, commands } = useWorkspace();
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const layingOut = useWorkspaceView((view) => view.layingOut);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <>
      <ToolbarIcon
        label={t('flowEditor.toolbar.autoLayout')}
        onClick={() => void commands.autoLayout()}
        disabled={viewing}
        loading={layingOut}
      >
        <LayoutDashboard size={17} />
      </ToolbarIcon>
      <ToolbarIcon
        label={t('flowEditor.toolbar.export')}
        tooltip={t('flowEditor.toolbar.exportHint')}
        onClick={commands.exportGraph}
      >
        <Download size={17} />
      </ToolbarIcon>
      <FileButton onChange={(file) => void commands.importGraph(file)} accept="application/json,.json">
        {(props) => (
          <Tooltip label={t('flowEditor.toolbar.importHint')}>
            <ActionIcon
              {...props}
              variant="subtle"
              color="gray.3"
              aria-label={t('flowEditor.toolbar.import')}
              className="header-icon"
            >
              <Upload size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </FileButton>
      <ToolbarIcon label={t('flowEditor.toolbar.settings')} onClick={() => setSettingsOpen(true)}>
        <Settings size={17} />
      </ToolbarIcon>
      {settingsOpen && (
        <ApplicationFormModal
          clientId={application.clientId}
          application={application}
          groups={acdGroups}
          onSaved={() => setSettingsOpen(false)}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </>
  );
}

function SaveAndPublish() {
  const { t } = useTranslation();
  const { application, commands } = useWorkspace();
  const versions = useVersions(application.id);
  const viewing = useWorkspaceView((view) => view.viewing !== undefined);
  const saving = useWorkspaceView((view) => view.saving);
  const problemCount = useDraft((state) => state.problems.length);
  const [publishing, setPublishing] = useState(false);
  const firstVersion = !versions.data?.some((version) => version.id === application.activeVersionId);
  const publishBlocked = problemCount > 0 ? t('flowEditor.toolbar.publishBlocked', { count: problemCount }) : undefined;
  return (
    <>
      <Tooltip label={t('flowEditor.toolbar.saveDraftHint')}>
        <Button
          size="xs"
          variant="default"
          leftSection={<Save size={14} />}
          onClick={() => void commands.saveDraft()}
          loading={saving}
          disabled={viewing}
          data-testid="save-draft"
        >
          {t('flowEditor.toolbar.saveDraft')}
        </Button>
      </Tooltip>
      <Tooltip label={publishBlocked ?? t('flowEditor.toolbar.publishHint')}>
        <span>
          <Button
            size="xs"
            leftSection={<Rocket size={14} />}
            disabled={Boolean(publishBlocked) || viewing}
            onClick={() => setPublishing(true)}
            data-testid="publish"
          >
            {t('flowEditor.toolbar.publish')}
          </Button>
        </span>
      </Tooltip>
      {publishing && <PublishModal onClose={() => setPublishing(false)} firstVersion={firstVersion} />}
    </>
  );
}
