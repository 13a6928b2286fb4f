import type { Language } from '../../i18n/languages';
import type { Role } from '../db/schema';

/** Who is calling: the user behind a session cookie or an API key. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  resellerId: string | null;
  clientId: string | null;
  /** The language they chose (answers and e-mails are in it); none: the browser's. */
  language?: Language | null;
}
