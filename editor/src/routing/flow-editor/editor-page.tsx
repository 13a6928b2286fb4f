import {
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Stack,
  Tabs,
  Text,
  Textarea,
  Tooltip,
  ActionIcon,
  Divider,
  FileButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import {
  ArrowLeft,
  ChevronDown,
  ChevronUp,
  Download,
  Eye,
  LayoutDashboard,
  Redo2,
  Rocket,
  Save,
  Settings,
  Undo2,
  Upload,
} from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useBlocker, useParams, type BlockerFunction } from 'react-router';
import { useStore } from 'zustand';
import { InvalidDefinitionError, migrateDefinition, type WorkflowGraph } from '../../../../workflows';
import { get, post, put } from '../../api/http';
import { fetchVersion, keys, useAcdGroups, useApplication, useVersions } from '../../api/queries';
import type { Draft, RoutingApplication, Version, VersionSummary } from '../../api/types';
import { ErrorAlert } from '../../common/page';
import { formatDateTime } from '../../common/format';
import { Logo } from '../../shell/logo';
import { layoutPositions } from './auto-layout';
import {
  createEditorStore,
  EditorStoreContext,
  graphKey,
  useEditor,
  type EditorState,
  type EditorStore,
} from './editor-store';
import { FlowCanvas } from './flow-canvas';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette';
import { ProblemsList } from './problems-list';
import { TestPanel } from './test-panel';
import { SettingsModal } from './settings-modal';
import { VersionsPanel } from './versions-panel';

export function EditorPage() {
  const { applicationId = '' } = useParams();
  const application = useApplication(applicationId);
  const draft = useQuery({
    queryKey: keys.draft(applicationId),
    queryFn: () => get<Draft>(`/api/routing-applications/${applicationId}/draft`),
    staleTime: Infinity,
    gcTime: 0,
  });
  const groups = useAcdGroups(application.data?.clientId);

  const error = application.error ?? draft.error ?? groups.error;
  if (error) {
    return (
      <Center h="100vh" p="xl">
        <Stack maw={560}>
          <ErrorAlert
            error={error}
            title="The routing application could not be opened"
            onRetry={() => void Promise.all([application.refetch(), draft.refetch(), groups.refetch()])}
          />
          <Anchor component={Link} to="/routing-applications" size="sm">
            Back to the routing applications
          </Anchor>
        </Stack>
      </Center>
    );
  }
  if (!application.data || !draft.data || !groups.data) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Opening the editor …
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <ReactFlowProvider>
      <Workspace application={application.data} graph={draft.data.graph} groups={groups.data} />
    </ReactFlowProvider>
  );
}

interface Viewing {
  version: Version;
  store: EditorStore;
}

function Workspace({
  application,
  graph,
  groups,
}: {
  application: RoutingApplication;
  graph: WorkflowGraph;
  groups: { id: string; name: string }[];
}) {
  const groupIds = useMemo(() => new Set(groups.map((group) => group.id)), [groups]);
  const [store] = useState(() => createEditorStore(graph, { acdGroupIds: groupIds }));
  useEffect(() => store.getState().setAcdGroupIds(groupIds), [store, groupIds]);
  const [viewing, setViewing] = useState<Viewing | undefined>();
  const [tab, setTab] = useState<string | null>('problems');
  const [panelOpen, setPanelOpen] = useState(true);
  const queryClient = useQueryClient();
  const { fitView, screenToFlowPosition } = useReactFlow();

  const groupOptions = useMemo(() => groups.map((group) => ({ value: group.id, label: group.name })), [groups]);
  const groupName = useCallback((id: string) => groups.find((group) => group.id === id)?.name ?? id, [groups]);

  const dirty = useStore(store, hasUnsavedChanges);
  const problemCount = useStore(store, (state) => state.problems.length);
  const canUndo = useStore(store, (state) => state.past.length > 0);
  const canRedo = useStore(store, (state) => state.future.length > 0);

  const save = useMutation({
    mutationFn: (next: WorkflowGraph) =>
      put<Draft>(`/api/routing-applications/${application.id}/draft`, { graph: next }),
    onSuccess: (saved, sent) => {
      store.getState().markSaved(sent);
      queryClient.setQueryData(keys.draft(application.id), saved);
    },
  });
  const saveDraft = useCallback(
    async (quiet = false) => {
      const next = store.getState().toGraph();
      try {
        await save.mutateAsync(next);
        if (!quiet) notifications.show({ color: 'teal', message: 'Draft saved' });
        return true;
      } catch (error) {
        notifications.show({ color: 'red', title: 'The draft was not saved', message: (error as Error).message });
        return false;
      }
    },
    [save, store],
  );

  // Unsaved work is not lost to a closed tab or a reload without a warning ...
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (hasUnsavedChanges(store.getState())) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);
  // ... nor to the back arrow, a link or the browser's back button inside the app.
  const leaving = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) =>
        currentLocation.pathname !== nextLocation.pathname && hasUnsavedChanges(store.getState()),
      [store],
    ),
  );

  useEditorShortcuts(viewing ? viewing.store : store, () => void saveDraft());

  const addAt = useCallback(
    (type: string, position?: { x: number; y: number }) => {
      const where =
        position ??
        (() => {
          const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
          const center = canvas
            ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
            : { x: 400, y: 300 };
          const point = screenToFlowPosition(center);
          const jitter = (store.getState().nodes.length % 5) * 24;
          return { x: point.x - 120 + jitter, y: point.y - 40 + jitter };
        })();
      store.getState().addNode(type, { x: Math.round(where.x / 16) * 16, y: Math.round(where.y / 16) * 16 });
    },
    [screenToFlowPosition, store],
  );

  const [layingOut, setLayingOut] = useState(false);
  const autoLayout = async () => {
    const { nodes, edges } = store.getState();
    setLayingOut(true);
    try {
      store.getState().setPositions(await layoutPositions(nodes, edges));
      window.setTimeout(() => void fitView({ duration: 300, padding: 0.2, maxZoom: 1.1 }), 30);
    } catch (error) {
      notifications.show({ color: 'red', message: `Auto-layout failed: ${(error as Error).message}` });
    } finally {
      setLayingOut(false);
    }
  };

  const exportGraph = () => {
    const source = viewing ? viewing.store : store;
    const blob = new Blob([`${JSON.stringify(source.getState().toGraph(), null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${application.name.replace(/[^\w.-]+/g, '-').toLowerCase()}${viewing ? `-v${viewing.version.number}` : '-draft'}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const importGraph = async (file: File | null) => {
    if (!file) return;
    let imported: WorkflowGraph;
    try {
      imported = migrateDefinition(JSON.parse(await file.text()));
    } catch (error) {
      const message =
        error instanceof InvalidDefinitionError
          ? error.message
          : error instanceof SyntaxError
            ? `${file.name} is not a JSON file.`
            : (error as Error).message;
      notifications.show({ color: 'red', title: 'Nothing was imported', message });
      return;
    }
    setViewing(undefined);
    store.getState().setGraph(imported, { asChange: true });
    if (await saveDraft(true))
      notifications.show({ color: 'teal', message: `${file.name} imported into the draft (undo with Ctrl+Z)` });
    window.setTimeout(() => void fitView({ duration: 300, padding: 0.2, maxZoom: 1.1 }), 30);
  };

  const openVersion = async (summary: VersionSummary) => {
    try {
      const version = await queryClient.fetchQuery({
        queryKey: keys.version(application.id, summary.number),
        queryFn: () => fetchVersion(application.id, summary.number),
      });
      setViewing({
        version,
        store: createEditorStore(migrateDefinition(version.graph), { readOnly: true, acdGroupIds: groupIds }),
      });
      window.setTimeout(() => void fitView({ padding: 0.2, maxZoom: 1.1 }), 30);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: `Version ${summary.number} could not be opened`,
        message: (error as Error).message,
      });
    }
  };

  const activeStore = viewing?.store ?? store;
  return (
    <div className="editor-layout">
      <EditorHeader
        application={application}
        dirty={dirty}
        saving={save.isPending}
        problemCount={problemCount}
        viewing={viewing?.version}
        canUndo={canUndo && !viewing}
        canRedo={canRedo && !viewing}
        onUndo={() => store.getState().undo()}
        onRedo={() => store.getState().redo()}
        onSave={() => void saveDraft()}
        onLayout={() => void autoLayout()}
        layingOut={layingOut}
        onExport={exportGraph}
        onImport={(file) => void importGraph(file)}
        beforePublish={() => (dirty ? saveDraft(true) : Promise.resolve(true))}
        onPublished={() => setTab('versions')}
        groups={groupOptions}
      />
      <EditorStoreContext.Provider value={activeStore}>
        <aside className="editor-palette">
          <Palette onAdd={(type) => addAt(type)} />
        </aside>
        <main className="editor-canvas">
          {viewing && (
            <div className="version-banner" data-testid="version-banner">
              <Eye size={15} />
              <Text size="sm">
                Version {viewing.version.number} (read-only), published {formatDateTime(viewing.version.publishedAt)}
                {viewing.version.comment ? ` — “${viewing.version.comment}”` : ''}
              </Text>
              <Group gap={6} ml="auto">
                <Button
                  size="compact-xs"
                  variant="white"
                  onClick={() => {
                    store.getState().setGraph(viewing.store.getState().toGraph(), { asChange: true });
                    setViewing(undefined);
                    notifications.show({
                      message: `Version ${viewing.version.number} copied into the draft (save to keep it, Ctrl+Z to undo)`,
                    });
                  }}
                >
                  Copy into draft
                </Button>
                <Button size="compact-xs" onClick={() => setViewing(undefined)}>
                  Back to the draft
                </Button>
              </Group>
            </div>
          )}
          <FlowCanvas
            key={viewing ? `v${viewing.version.number}` : 'draft'}
            onDropType={viewing ? undefined : (type, position) => addAt(type, position)}
          />
        </main>
        <aside className="editor-inspector">
          <Inspector acdGroups={groupOptions} />
        </aside>
        <section className="editor-bottom" data-open={panelOpen || undefined}>
          <Tabs
            value={tab}
            onChange={(value) => {
              setTab(value);
              setPanelOpen(true);
            }}
            keepMounted
            className="bottom-tabs"
          >
            <Tabs.List>
              <Tabs.Tab value="problems" rightSection={<ProblemBadge />}>
                Problems
              </Tabs.Tab>
              <Tabs.Tab value="test">Test</Tabs.Tab>
              <Tabs.Tab value="versions">Versions</Tabs.Tab>
              <ActionIcon
                variant="subtle"
                color="gray"
                ml="auto"
                mr={6}
                my={4}
                onClick={() => setPanelOpen((open) => !open)}
                aria-label={panelOpen ? 'Collapse panel' : 'Expand panel'}
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
                viewing={viewing?.version.number}
                onOpen={(version) => void openVersion(version)}
              />
            </Tabs.Panel>
          </Tabs>
        </section>
      </EditorStoreContext.Provider>
      {leaving.state === 'blocked' && (
        <LeaveDraftModal onStay={() => leaving.reset()} onLeave={() => leaving.proceed()} />
      )}
    </div>
  );
}

function hasUnsavedChanges(state: EditorState): boolean {
  return graphKey(state.toGraph()) !== state.savedKey;
}

/** Asked when a navigation inside the app would drop a draft with unsaved changes. */
function LeaveDraftModal({ onStay, onLeave }: { onStay(): void; onLeave(): void }) {
  return (
    <Modal opened onClose={onStay} title={<Text fw={600}>Leave without saving?</Text>} centered>
      <Text size="sm">
        The draft has changes that are not saved. If you leave now, they are lost. Stay to keep working on them (Save
        draft or Ctrl+S keeps them).
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onStay} data-autofocus>
          Stay
        </Button>
        <Button color="red" onClick={onLeave}>
          Leave (discard changes)
        </Button>
      </Group>
    </Modal>
  );
}

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

function EditorHeader({
  application,
  dirty,
  saving,
  problemCount,
  viewing,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onSave,
  onLayout,
  layingOut,
  onExport,
  onImport,
  beforePublish,
  onPublished,
  groups,
}: {
  application: RoutingApplication;
  groups: { value: string; label: string }[];
  dirty: boolean;
  saving: boolean;
  problemCount: number;
  viewing: Version | undefined;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onSave(): void;
  onLayout(): void;
  layingOut: boolean;
  onExport(): void;
  onImport(file: File | null): void;
  beforePublish(): Promise<boolean>;
  onPublished(): void;
}) {
  const versions = useVersions(application.id);
  const active = versions.data?.find((version) => version.id === application.activeVersionId);
  const test = versions.data?.find((version) => version.id === application.testVersionId);
  const [publishing, setPublishing] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const publishBlocked =
    problemCount > 0
      ? `Fix the ${problemCount} problem${problemCount === 1 ? '' : 's'} first (see the Problems tab)`
      : undefined;

  return (
    <header className="editor-header">
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
              {viewing ? `Viewing v${viewing.number}` : dirty ? 'Draft · unsaved changes' : 'Draft · saved'}
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
      <Group gap={6} wrap="nowrap">
        <Tooltip label="Undo (Ctrl+Z)">
          <ActionIcon
            variant="subtle"
            color="gray.3"
            onClick={onUndo}
            disabled={!canUndo}
            aria-label="Undo"
            className="header-icon"
          >
            <Undo2 size={17} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Y)">
          <ActionIcon
            variant="subtle"
            color="gray.3"
            onClick={onRedo}
            disabled={!canRedo}
            aria-label="Redo"
            className="header-icon"
          >
            <Redo2 size={17} />
          </ActionIcon>
        </Tooltip>
        <Divider orientation="vertical" color="dark.4" mx={4} />
        <Tooltip label="Auto-layout">
          <ActionIcon
            variant="subtle"
            color="gray.3"
            onClick={onLayout}
            disabled={Boolean(viewing)}
            loading={layingOut}
            aria-label="Auto-layout"
            className="header-icon"
          >
            <LayoutDashboard size={17} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Export as JSON">
          <ActionIcon variant="subtle" color="gray.3" onClick={onExport} aria-label="Export" className="header-icon">
            <Download size={17} />
          </ActionIcon>
        </Tooltip>
        <FileButton onChange={onImport} accept="application/json,.json">
          {(props) => (
            <Tooltip label="Import a JSON file into the draft">
              <ActionIcon {...props} variant="subtle" color="gray.3" aria-label="Import" className="header-icon">
                <Upload size={17} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        <Tooltip label="Application settings">
          <ActionIcon
            variant="subtle"
            color="gray.3"
            onClick={() => setSettingsOpen(true)}
            aria-label="Application settings"
            className="header-icon"
          >
            <Settings size={17} />
          </ActionIcon>
        </Tooltip>
        <Divider orientation="vertical" color="dark.4" mx={4} />
        <Tooltip label="Save draft (Ctrl+S)">
          <Button
            size="xs"
            variant="default"
            leftSection={<Save size={14} />}
            onClick={onSave}
            loading={saving}
            disabled={Boolean(viewing)}
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
              disabled={Boolean(publishBlocked) || Boolean(viewing)}
              onClick={() => setPublishing(true)}
              data-testid="publish"
            >
              Publish
            </Button>
          </span>
        </Tooltip>
      </Group>
      {settingsOpen && (
        <SettingsModal application={application} groups={groups} onClose={() => setSettingsOpen(false)} />
      )}
      {publishing && (
        <PublishModal
          application={application}
          beforePublish={beforePublish}
          onClose={() => setPublishing(false)}
          onPublished={onPublished}
          firstVersion={!active}
        />
      )}
    </header>
  );
}

function PublishModal({
  application,
  beforePublish,
  onClose,
  onPublished,
  firstVersion,
}: {
  application: RoutingApplication;
  beforePublish(): Promise<boolean>;
  onClose(): void;
  onPublished(): void;
  firstVersion: boolean;
}) {
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: async () => {
      if (!(await beforePublish())) throw new Error('The draft could not be saved, so it was not published.');
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
        title: `Version ${version.number} published`,
        message: firstVersion
          ? 'It is active: connectors pointing at this application use it now.'
          : 'Make it active in the Versions tab when you are ready.',
      });
      onPublished();
      onClose();
    },
  });
  const problems = (publish.error as { body?: { problems?: { message: string }[] } } | null)?.body?.problems;
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Publish a new version</Text>} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          publish.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={publish.error} title="Not published" />
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
            label="Comment"
            placeholder="What changed, e.g. “HELP goes to Support”"
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
            name="comment"
          />
          <Text size="xs" c="dimmed">
            {firstVersion
              ? 'The first version becomes active at once.'
              : 'The new version does not take traffic until you make it active (or set it as the test version).'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={publish.isPending}
              leftSection={<Rocket size={14} />}
              data-testid="confirm-publish"
            >
              Publish
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Delete, Ctrl+Z/Y, Ctrl+C/V and Ctrl+S, except while typing in a field. */
function useEditorShortcuts(store: EditorStore, save: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target !== null &&
        (target.isContentEditable ||
          ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
          target.closest('.nokey') !== null);
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        if (!store.getState().readOnly) save();
        return;
      }
      if (typing) return;
      const state = store.getState();
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        state.deleteSelected();
      } else if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        state.undo();
      } else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c') {
        state.copySelected();
      } else if (mod && key === 'v') {
        event.preventDefault();
        state.paste();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, save]);
}
