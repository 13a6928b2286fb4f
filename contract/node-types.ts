import { z } from 'zod';
import { defineRoute } from './define-route';
import { nodeTypeData } from './workflow-shapes';

export const nodeTypeApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/node-types',
    summary: 'The catalog of workflow node types as data, with each config’s JSON Schema and defaults.',
    responses: { 200: z.array(nodeTypeData) },
  }),
};
