import { z } from 'zod';
import { languages } from '../i18n/languages';
import { defineRoute } from './define-route';
import { roles } from './domain';
import { password } from './users';

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: password,
});
export const passwordLinkCheckBody = z.strictObject({ token: z.string().min(1).max(200) });
export const passwordLinkUseBody = z.strictObject({
  token: passwordLinkCheckBody.shape.token,
  password,
});

const tenantName = z.object({ id: z.string(), name: z.string().nullable() }).nullable();
/** The signed-in user, with where they belong and what the server offers. */
export const me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  reseller: tenantName,
  client: tenantName,
  emailConfigured: z.boolean().describe('Whether the server sends e-mail (invitations and password links need it)'),
  language: z
    .enum(languages)
    .nullable()
    .describe('The language the user chose for the web UI and their e-mails; null: the browser’s'),
});
export type Me = z.output<typeof me>;

export const ownLanguageBody = z.strictObject({ language: z.enum(languages).nullable() });

export const authApi = {
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Logs in and sets an HttpOnly session cookie.',
    description: 'Failed logins are rate-limited per account and per address (429 with Retry-After).',
    public: true,
    body: loginBody,
    responses: { 200: me },
    errors: { 401: 'Wrong e-mail or password, or the user is deactivated', 429: 'Too many failed logins' },
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Ends this session and clears its cookie.',
    public: true,
    body: null,
    responses: { 204: null },
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user, their role, reseller and client.',
    responses: { 200: me },
  }),
  setLanguage: defineRoute({
    method: 'PATCH',
    path: '/api/auth/me',
    summary: 'Sets the signed-in user’s own language (`en`, `de`, or null for the browser’s).',
    description: 'Audited as `update.own_language`, like the user’s other own account changes.',
    body: ownLanguageBody,
    responses: { 200: me },
  }),
  logoutEverywhere: defineRoute({
    method: 'POST',
    path: '/api/auth/logout-everywhere',
    summary: 'Ends every session of the signed-in user.',
    body: null,
    responses: { 204: null },
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/password',
    summary: 'Changes one’s own password; every other session ends.',
    body: passwordChangeBody,
    responses: { 204: null },
  }),
  checkPasswordLink: defineRoute({
    method: 'POST',
    path: '/api/auth/password-link/check',
    summary: 'Tells whose a one-time password link is, while it is open.',
    description: 'The token travels in the body, never in a URL that logs would keep.',
    public: true,
    body: passwordLinkCheckBody,
    responses: { 200: z.object({ email: z.string(), displayName: z.string() }) },
    errors: { 404: 'The link was used already, has expired or was replaced' },
  }),
  usePasswordLink: defineRoute({
    method: 'POST',
    path: '/api/auth/password-link/use',
    summary: 'Sets one’s password with a one-time link; sessions with the old password end.',
    public: true,
    body: passwordLinkUseBody,
    responses: { 200: z.object({ email: z.string() }) },
    errors: { 404: 'The link was used already, has expired or was replaced' },
  }),
};
