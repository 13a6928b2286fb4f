import { Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/http';
import { useMe } from '../api/queries';
import { ErrorAlert, FullPageLoading } from '../common/page';
import { SessionProvider } from '../shell/session';

/** Pages behind the login: the signed-in user, or the login page (coming back here afterwards). */
export function Authenticated() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) {
    return <FullPageLoading>{t('auth.loading')}</FullPageLoading>;
  }
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  if (me.error || !me.data) {
    return (
      <Center h="100vh" p="xl">
        <ErrorAlert
          error={me.error ?? new Error(t('auth.notSignedIn'))}
          title={t('auth.cannotLoad')}
          onRetry={() => void me.refetch()}
        />
      </Center>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Outlet />
    </SessionProvider>
  );
}
