import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { RoutingApplication, Version, VersionSummary } from '../../../api/types';
import type { SummaryNames } from '../../../../../workflows';
import type { EditorState, EditorStore } from '../editor-store';

/** A published version opened read-only beside the draft. */
export interface Viewing {
  version: Version;
  store: EditorStore;
}

export type BottomTab = 'problems' | 'test' | 'versions';

/** What the workspace shows around the canvas; the graph itself lives in the editor stores. */
export interface WorkspaceView {
  viewing: Viewing | undefined;
  tab: BottomTab;
  panelOpen: boolean;
  saving: boolean;
  layingOut: boolean;
}

export const createWorkspaceView = (): StoreApi<WorkspaceView> =>
  createStore<WorkspaceView>()(() => ({
    viewing: undefined,
    tab: 'problems',
    panelOpen: true,
    saving: false,
    layingOut: false,
  }));

/** What the toolbar, the banner and the drawer can do; built once per workspace. */
export interface WorkspaceCommands {
  /** Saves the draft; `quiet` skips the "saved" notice. Resolves whether it was saved. */
  saveDraft(quiet?: boolean): Promise<boolean>;
  autoLayout(): Promise<void>;
  exportGraph(): void;
  importGraph(file: File | null): Promise<void>;
  openVersion(summary: VersionSummary): Promise<void>;
  copyVersionIntoDraft(): void;
  backToDraft(): void;
  undo(): void;
  redo(): void;
  showTab(tab: BottomTab): void;
  togglePanel(): void;
}

export interface AcdGroupOption {
  value: string;
  label: string;
}

export interface Workspace {
  application: RoutingApplication;
  acdGroups: AcdGroupOption[];
  groupName(id: string): string;
  /** How node summaries name the client's groups; undefined for a group that no longer exists. */
  names: SummaryNames;
  /** The draft: what is edited, saved and published. */
  draft: EditorStore;
  view: StoreApi<WorkspaceView>;
  commands: WorkspaceCommands;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceContext');
  return workspace;
}

export function useWorkspaceView<T>(selector: (view: WorkspaceView) => T): T {
  return useStore(useWorkspace().view, selector);
}

/** Reads the draft, whichever store the canvas shows. */
export function useDraft<T>(selector: (state: EditorState) => T): T {
  return useStore(useWorkspace().draft, selector);
}
