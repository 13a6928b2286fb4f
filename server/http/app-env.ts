import type { Principal } from '../auth/principal';

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
