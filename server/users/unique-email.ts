import { conflictOnDuplicate } from '../http/db-errors';

/** Runs a write of a user; an e-mail another user has already is a 409 naming `email`. */
export const uniqueEmail = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, 'A user with this e-mail exists already', 'email');
