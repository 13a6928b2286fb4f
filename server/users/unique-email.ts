import { conflictOnDuplicate } from '../http/db-errors';
import { apiSentence } from '../http/api-error';

/** Runs a write of a user; an e-mail another user has already is a 409 naming `email`. */
export const uniqueEmail = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, apiSentence('emailTaken'), 'email');
