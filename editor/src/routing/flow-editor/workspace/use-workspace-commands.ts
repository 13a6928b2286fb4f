import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand';
import type { Language } from '../../../../../i18n/languages';
import { migrateDefinition, type WorkflowGraph } from '../../../../../workflows';
import { put } from '../../../api/http';
import { fetchVersion, keys } from '../../../api/queries';
import type { Draft, RoutingApplication } from '../../../api/types';
import { layoutPositions } from '../auto-layout';
import { createEditorStore, type EditorStore } from '../editor-store';
import { downloadText } from './download-text';
import { exportedText, exportFileName, readGraphFile } from './graph-file';
import type { WorkspaceCommands, WorkspaceView } from './workspace-context';

const FIT = { padding: 0.2, maxZoom: 1.1 } as const;

/** The workspace's commands over the draft store, the view store, the server and the viewport. */
export function useWorkspaceCommands({
  application,
  draft,
  view,
  acdGroupIds,
  language,
}: {
  application: RoutingApplication;
  draft: EditorStore;
  view: StoreApi<WorkspaceView>;
  acdGroupIds: ReadonlySet<string>;
  language: Language;
}): WorkspaceCommands {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { fitView } = useReactFlow();
  const save = useMutation({
    mutationFn: (next: WorkflowGraph) =>
      put<Draft>(`/api/routing-applications/${application.id}/draft`, { graph: next }),
    onSuccess: (saved, sent) => {
      draft.getState().markSaved(sent);
      queryClient.setQueryData(keys.draft(application.id), saved);
    },
  });
  const { mutateAsync } = save;

  return useMemo<WorkspaceCommands>(() => {
    // After the canvas has drawn the new graph.
    const fitSoon = (duration?: number) =>
      window.setTimeout(() => void fitView({ ...FIT, ...(duration ? { duration } : {}) }), 30);

    const saveDraft = async (quiet = false) => {
      view.setState({ saving: true });
      try {
        await mutateAsync(draft.getState().toGraph());
        if (!quiet) notifications.show({ color: 'teal', message: t('flowEditor.notice.draftSaved') });
        return true;
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('flowEditor.notice.draftNotSaved'),
          message: (error as Error).message,
        });
        return false;
      } finally {
        view.setState({ saving: false });
      }
    };

    return {
      saveDraft,

      async autoLayout() {
        const { nodes, edges } = draft.getState();
        view.setState({ layingOut: true });
        try {
          draft.getState().setPositions(await layoutPositions(nodes, edges));
          fitSoon(300);
        } catch (error) {
          notifications.show({
            color: 'red',
            message: t('flowEditor.notice.layoutFailed', { reason: (error as Error).message }),
          });
        } finally {
          view.setState({ layingOut: false });
        }
      },

      exportGraph() {
        const viewing = view.getState().viewing;
        const graph = (viewing?.store ?? draft).getState().toGraph();
        downloadText(exportFileName(application.name, viewing?.version.number), exportedText(graph));
      },

      async importGraph(file) {
        if (!file) return;
        const read = readGraphFile(await file.text());
        if ('refused' in read) {
          const message =
            read.refused.kind === 'not-json'
              ? t('flowEditor.notice.notJson', { file: file.name })
              : read.refused.message;
          notifications.show({ color: 'red', title: t('flowEditor.notice.nothingImported'), message });
          return;
        }
        view.setState({ viewing: undefined });
        draft.getState().setGraph(read.graph, { asChange: true });
        if (await saveDraft(true))
          notifications.show({ color: 'teal', message: t('flowEditor.notice.imported', { file: file.name }) });
        fitSoon(300);
      },

      async openVersion(summary) {
        try {
          const version = await queryClient.fetchQuery({
            queryKey: keys.version(application.id, summary.number),
            queryFn: () => fetchVersion(application.id, summary.number),
          });
          const store = createEditorStore(migrateDefinition(version.graph), { readOnly: true, acdGroupIds, language });
          view.setState({ viewing: { version, store } });
          fitSoon();
        } catch (error) {
          notifications.show({
            color: 'red',
            title: t('flowEditor.notice.versionNotOpened', { number: summary.number }),
            message: (error as Error).message,
          });
        }
      },

      copyVersionIntoDraft() {
        const viewing = view.getState().viewing;
        if (!viewing) return;
        draft.getState().setGraph(viewing.store.getState().toGraph(), { asChange: true });
        view.setState({ viewing: undefined });
        notifications.show({
          message: t('flowEditor.notice.versionCopied', { number: viewing.version.number }),
        });
      },

      backToDraft: () => view.setState({ viewing: undefined }),
      undo: () => draft.getState().undo(),
      redo: () => draft.getState().redo(),
      showTab: (tab) => view.setState({ tab, panelOpen: true }),
      togglePanel: () => view.setState((state) => ({ panelOpen: !state.panelOpen })),
    };
  }, [application.id, application.name, draft, view, acdGroupIds, language, queryClient, fitView, mutateAsync, t]);
}
