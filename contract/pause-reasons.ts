import { z } from 'zod';
import { clientPageQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { resourceRoutes } from './resource-routes';

export const PAUSE_REASON_NAME_MAX = 60;
export const PAUSE_REASON_POSITION_MAX = 9999;

const name = z.string().trim().min(1).max(PAUSE_REASON_NAME_MAX);
const position = z.number().int().min(0).max(PAUSE_REASON_POSITION_MAX);

export const pauseReasonBody = z.strictObject({
  clientId: z.uuid().optional(),
  name: name.describe('As the desk and the live view show it, such as “Lunch”; unique in the client'),
  position: position.default(0).describe('Where the desk lists it: lowest first, then by name'),
});
export const pauseReasonPatchBody = z.strictObject({
  name: name.optional(),
  position: position.optional(),
});

export const pauseReason = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string().describe('Unique in the client'),
  position: z.number().int().describe('Where the desk lists it: lowest first, then by name'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type PauseReason = z.output<typeof pauseReason>;

/** The reasons an agent's desk offers when pausing, in their order. */
export const deskPauseReasons = z.object({ items: z.array(pauseReason) });
export type DeskPauseReasons = z.output<typeof deskPauseReasons>;

const routes = resourceRoutes('/api/pause-reasons', pauseReason);
const nameTaken = { 409: 'A pause reason with this name exists in the client already' };

export const pauseReasonApi = {
  list: routes.list(clientPageQuery, { summary: 'The pause reasons of the caller’s clients.' }),
  create: routes.create(pauseReasonBody, { summary: 'Creates a pause reason in a client.', errors: nameTaken }),
  get: routes.get({ summary: 'One pause reason.' }),
  update: routes.update(pauseReasonPatchBody, {
    summary: 'Renames or moves a pause reason; pauses taken with it keep the name they had.',
    errors: nameTaken,
  }),
  delete: routes.delete({
    summary:
      'Deletes a pause reason: the desk offers it no more; agents paused with it and the status history keep its name.',
  }),
  forAgent: defineRoute({
    method: 'GET',
    path: '/api/desk/pause-reasons',
    summary: 'The pause reasons the agent may give when pausing, in their order.',
    description: 'Agents only: their own client’s.',
    responses: { 200: deskPauseReasons },
  }),
};
