import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, createRoutesFromElements, Route } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ApiError, setUnauthorizedHandler } from './api/http';
import { keys } from './api/queries';
import { Authenticated } from './auth/authenticated';
import { LoginPage } from './auth/login-page';
import { SetPasswordPage } from './auth/set-password-page';
import { theme } from './theme';
import { LanguageDates } from './i18n/language-dates';
import { AppLayout } from './shell/app-layout';
import { TrafficPage } from './traffic/traffic-page';
import { ConversationsPage } from './traffic/conversations-page';
import { ConnectorsPage } from './connectors/connectors-page';
import { SendConnectorsPage } from './send-connectors/send-connectors-page';
import { AcdGroupsPage } from './acd-groups/acd-groups-page';
// Canned responses and wrap-up codes (issue 14).
import { CannedResponsesPage } from './canned-responses/canned-responses-page';
import { WrapUpCodesPage } from './wrap-up-codes/wrap-up-codes-page';
// Pause reasons (issue 16).
import { PauseReasonsPage } from './pause-reasons/pause-reasons-page';
// Opt-out (issue 15).
import { OptOutsPage } from './opt-outs/opt-outs-page';
import { ApplicationsPage } from './routing/applications-page';
import { ClientsPage } from './tenancy/clients-page';
import { ResellersPage } from './tenancy/resellers-page';
import { NotFoundPage } from './shell/not-found-page';
import { EditorLoading } from './routing/editor-loading';
import { DeskPage } from './desk/desk-page';
import { AgentsPage } from './agents/agents-page';
import { HomeRedirect } from './shell/home-redirect';
import { UsersPage } from './users/users-page';
import { AuditLogPage } from './audit/audit-log-page';
import { ApiKeysPage } from './account/api-keys-page';

// The editor (React Flow, the workflow core, the layout engine) is loaded when it is opened.
const EditorPage = lazy(() =>
  import('./routing/flow-editor/editor-page').then((module) => ({ default: module.EditorPage })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

setUnauthorizedHandler(() => {
  queryClient.setQueryData(keys.me, undefined);
  void queryClient.invalidateQueries({ queryKey: keys.me });
});

/** The pages inside the app's frame, by path. */
const PAGES: Record<string, ComponentType> = {
  '/desk': DeskPage,
  '/agents': AgentsPage,
  '/traffic': TrafficPage,
  '/traffic/:smsId': TrafficPage,
  '/traffic/conversations': ConversationsPage,
  '/traffic/conversations/:conversationId': ConversationsPage,
  '/connectors': ConnectorsPage,
  '/send-connectors': SendConnectorsPage,
  '/acd-groups': AcdGroupsPage,
  // Canned responses and wrap-up codes (issue 14).
  '/canned-responses': CannedResponsesPage,
  '/wrap-up-codes': WrapUpCodesPage,
  // Pause reasons (issue 16).
  '/pause-reasons': PauseReasonsPage,
  // Opt-out (issue 15).
  '/opt-outs': OptOutsPage,
  '/routing-applications': ApplicationsPage,
  '/clients': ClientsPage,
  '/resellers': ResellersPage,
  '/users': UsersPage,
  '/audit-log': AuditLogPage,
  '/api-keys': ApiKeysPage,
  '*': NotFoundPage,
};

// A data router, so that a page can hold a navigation back while it has unsaved work (useBlocker).
const router = createBrowserRouter(
  createRoutesFromElements(
    <>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/set-password" element={<SetPasswordPage />} />
      <Route element={<Authenticated />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          {Object.entries(PAGES).map(([path, Page]) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
        </Route>
        <Route
          path="/routing-applications/:applicationId"
          element={
            <Suspense fallback={<EditorLoading />}>
              <EditorPage />
            </Suspense>
          }
        />
      </Route>
    </>,
  ),
);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <LanguageDates>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </LanguageDates>
    </MantineProvider>
  );
}
