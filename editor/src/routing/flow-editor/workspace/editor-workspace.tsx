import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkflowGraph } from '../../../../../workflows';
import type { RoutingApplication } from '../../../api/types';
import { useLanguage } from '../../../i18n/use-language';
import { createEditorStore, EditorStoreContext } from '../editor-store';
import { FlowCanvas } from '../flow-canvas';
import { Inspector } from '../inspector/inspector';
import { Palette } from '../palette';
import { BottomDrawer } from './bottom-drawer';
import { EditorToolbar } from './editor-toolbar';
import { useEditorShortcuts } from './editor-shortcuts';
import { LeavePrompt } from './leave-prompt';
import { useAddNode } from './use-add-node';
import { useWorkspaceCommands } from './use-workspace-commands';
import { VersionBanner } from './version-banner';
import { createWorkspaceView, WorkspaceContext, type Workspace } from './workspace-context';

/** The open editor: toolbar, palette, canvas, inspector and drawer around one draft. */
export function EditorWorkspace({
  application,
  graph,
  groups,
}: {
  application: RoutingApplication;
  graph: WorkflowGraph;
  groups: { id: string; name: string }[];
}) {
  const acdGroupIds = useMemo(() => new Set(groups.map((group) => group.id)), [groups]);
  const language = useLanguage();
  const [draft] = useState(() => createEditorStore(graph, { acdGroupIds, language }));
  useEffect(() => draft.getState().setAcdGroupIds(acdGroupIds), [draft, acdGroupIds]);
  useEffect(() => draft.getState().setLanguage(language), [draft, language]);
  const [view] = useState(createWorkspaceView);
  const commands = useWorkspaceCommands({ application, draft, view, acdGroupIds, language });
  const workspace = useMemo<Workspace>(
    () => ({
      application,
      acdGroups: groups.map((group) => ({ value: group.id, label: group.name })),
      groupName: (id) => groups.find((group) => group.id === id)?.name ?? id,
      names: { acdGroupName: (id) => groups.find((group) => group.id === id)?.name },
      draft,
      view,
      commands,
    }),
    [application, groups, draft, view, commands],
  );

  const viewing = useStore(view, (state) => state.viewing);
  const shown = viewing?.store ?? draft;
  useEditorShortcuts(shown, () => void commands.saveDraft());
  const addNode = useAddNode(draft);

  return (
    <WorkspaceContext.Provider value={workspace}>
      <div className="editor-layout">
        <EditorToolbar />
        <EditorStoreContext.Provider value={shown}>
          <aside className="editor-palette">
            <Palette onAdd={(type) => addNode(type)} />
          </aside>
          <main className="editor-canvas">
            <VersionBanner />
            <FlowCanvas
              key={viewing ? `v${viewing.version.number}` : 'draft'}
              onDropType={viewing ? undefined : addNode}
            />
          </main>
          <aside className="editor-inspector">
            <Inspector acdGroups={workspace.acdGroups} />
          </aside>
          <BottomDrawer />
        </EditorStoreContext.Provider>
        <LeavePrompt draft={draft} />
      </div>
    </WorkspaceContext.Provider>
  );
}
