import { Anchor, Center, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../../api/http';
import { keys, useAcdGroups, useApplication } from '../../api/queries';
import type { Draft } from '../../api/types';
import { ErrorAlert } from '../../common/page';
import { EditorLoading } from '../editor-loading';
import { EditorWorkspace } from './workspace/editor-workspace';

/** The flow editor of one routing application: its draft, once the application, draft and groups are loaded. */
export function EditorPage() {
  const { t } = useTranslation();
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
            title={t('flowEditor.page.openFailed')}
            onRetry={() => void Promise.all([application.refetch(), draft.refetch(), groups.refetch()])}
          />
          <Anchor component={Link} to="/routing-applications" size="sm">
            {t('flowEditor.page.backToList')}
          </Anchor>
        </Stack>
      </Center>
    );
  }
  if (!application.data || !draft.data || !groups.data) return <EditorLoading />;
  return (
    <ReactFlowProvider>
      <EditorWorkspace application={application.data} graph={draft.data.graph} groups={groups.data} />
    </ReactFlowProvider>
  );
}
