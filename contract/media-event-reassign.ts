import { z } from 'zod';
import { resourceRoutes } from './resource-routes';
import { mediaEvent } from './traffic';

/** Where an admin sends a waiting SMS (the live group view): another group, one agent, or both. */
export const mediaEventReassignBody = z.strictObject({
  acdGroupId: z
    .uuid()
    .optional()
    .describe('The group whose queue it waits in from now on (of its client); absent: the group it is in'),
  agentId: z
    .uuid()
    .nullable()
    .optional()
    .describe('The one member of that group who is offered it next (nobody else is, while it waits); null: any member'),
});
export type MediaEventReassign = z.input<typeof mediaEventReassignBody>;

const routes = resourceRoutes('/api/media-events', mediaEvent);

export const mediaEventReassignApi = {
  reassign: routes.ofOne('POST', 'reassign', {
    summary: 'Sends an SMS nobody works on yet to another ACD group or agent.',
    description:
      'An offered SMS is taken back from its agent first. Reserved for an agent, it is offered to that agent alone, as soon as they can take it; declined or missed, it is the group’s again.',
    body: mediaEventReassignBody,
    responses: { 200: mediaEvent },
    errors: { 409: 'The media event is accepted or finished already' },
  }),
};
