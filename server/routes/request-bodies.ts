import type { z } from 'zod';
import { acdGroupBody, acdGroupPatchBody } from './acd-groups';
import { apiKeyBody } from './api-keys';
import { loginBody, passwordChangeBody, passwordLinkCheckBody, passwordLinkUseBody } from './auth';
import { clientBody } from './clients';
import { connectorBody, connectorPatchBody } from './connectors';
import { resellerBody } from './resellers';
import {
  draftBody,
  publishBody,
  routingApplicationBody,
  routingApplicationPatchBody,
  simulateBody,
} from './routing-applications';
import { passwordLinkBody, userBody, userPatchBody } from './users';
import { mediaEventCancelBody } from './traffic';
import { agentStatusBody } from './agents';
import { deskStatusBody } from './desk';

/** The body schema of each route that takes one, for the OpenAPI document. */
export const requestBodies: Record<string, z.ZodType> = {
  'POST /api/auth/login': loginBody,
  'POST /api/auth/password': passwordChangeBody,
  'POST /api/auth/password-link/check': passwordLinkCheckBody,
  'POST /api/auth/password-link/use': passwordLinkUseBody,
  'POST /api/api-keys': apiKeyBody,
  'POST /api/resellers': resellerBody,
  'PATCH /api/resellers/:id': resellerBody.partial(),
  'POST /api/clients': clientBody,
  'PATCH /api/clients/:id': clientBody.partial(),
  'POST /api/users': userBody,
  'PATCH /api/users/:id': userPatchBody,
  'POST /api/users/:id/password-link': passwordLinkBody,
  'POST /api/acd-groups': acdGroupBody,
  'PATCH /api/acd-groups/:id': acdGroupPatchBody,
  'POST /api/connectors': connectorBody,
  'PATCH /api/connectors/:id': connectorPatchBody,
  'POST /api/routing-applications': routingApplicationBody,
  'PATCH /api/routing-applications/:id': routingApplicationPatchBody,
  'PUT /api/routing-applications/:id/draft': draftBody,
  'POST /api/routing-applications/:id/publish': publishBody,
  'POST /api/routing-applications/:id/simulate': simulateBody,
  'PUT /api/agents/:id/status': agentStatusBody,
  'PUT /api/desk/status': deskStatusBody,
  'POST /api/media-events/:id/cancel': mediaEventCancelBody,
};
