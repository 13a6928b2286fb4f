import { Navigate } from 'react-router';
import { useSession } from './session';

/** Agents start at their desk, admins at the traffic. */
export function HomeRedirect() {
  const { me } = useSession();
  return <Navigate to={me.role === 'agent' ? '/desk' : '/traffic'} replace />;
}
