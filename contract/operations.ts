import { z } from 'zod';
import { defineRoute } from './define-route';

const probeStatus = z.object({ status: z.string() });

export const operationsApi = {
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    summary: 'Answers while the process is up.',
    public: true,
    responses: { 200: z.object({ status: z.literal('ok') }) },
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/readyz',
    summary: 'Answers 200 while the database is reachable, migrated and heard; 503 with the reason otherwise.',
    public: true,
    responses: { 200: z.object({ status: z.literal('ready') }), 503: probeStatus },
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This document.',
    public: true,
    responses: { 200: z.record(z.string(), z.unknown()) },
  }),
  docs: defineRoute({
    method: 'GET',
    path: '/api/docs',
    summary: 'A readable page of this document.',
    public: true,
    responses: { 200: { contentType: 'text/html', description: 'The page' } },
  }),
};
