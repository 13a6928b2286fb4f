import { describe, expect, it } from 'vitest';
import { readRunReason, sayRunReason } from '../../i18n/run-reason';
import { createMockServices, createWorkflowRunner } from '../../workflows/index';
import { aGraph, anSms } from '../workflows/fixtures';

describe('run reasons in the reader’s language', () => {
  it('reads what a run stores (its failure, a step’s error) and says it in German', async () => {
    // start → call (answers 502, leaves by its error port) → end, which the step limit stops.
    const nodes = [
      ['start', 'start'],
      ['call', 'http_request', { url: 'https://crm.example.com/x' }],
      ['end', 'drop'],
    ];
    const edges = [
      ['start', 'next', 'call'],
      ['call', 'error', 'end'],
      ['call', 'success', 'end'],
    ];
    const graph = aGraph(nodes as Parameters<typeof aGraph>[0], edges as Parameters<typeof aGraph>[1]);
    const services = createMockServices({ http: { call: { status: 502 } } });
    const { outcome, trace } = await createWorkflowRunner(graph).run(anSms(), services, { stepLimit: 2 });
    const reason = outcome.kind === 'failed' ? outcome.reason : '';
    expect(sayRunReason(reason, 'de')).toBe(
      'Knoten „end“ (drop) ist fehlgeschlagen: Die Schrittgrenze von 2 wurde erreicht',
    );
    expect(sayRunReason(reason, 'en')).toBe(reason);
    const answered = trace.find((step) => step.error?.includes('answered'))!.error!;
    expect(sayRunReason(answered, 'de')).toBe('GET crm.example.com antwortete 502');
    expect(readRunReason(answered)).toMatchObject({ key: 'runFailure.httpAnswered', params: { status: '502' } });
  });

  it('reads the server’s own reasons, nested ones too', () => {
    const gone = 'The ACD group it was routed to (g-1) no longer exists';
    expect(sayRunReason(`${gone}, and there is no fallback ACD group`, 'de')).toBe(
      'Die ACD-Gruppe, an die geroutet wurde (g-1), gibt es nicht mehr, und es gibt keine Ausweich-ACD-Gruppe',
    );
    expect(
      sayRunReason(
        'The routing application has no active version; the fallback ACD group (g-2) no longer exists',
        'de',
      ),
    ).toBe('Die Routing-Applikation hat keine aktive Version; die Ausweich-ACD-Gruppe (g-2) gibt es nicht mehr');
    expect(
      sayRunReason('Routing was attempted 5 times without finishing; the server log has the errors', 'de'),
    ).toMatch(/^Das Routing wurde 5-mal versucht/);
  });

  it('keeps a text no sentence fits as it was stored (a node’s own words, an older wording)', () => {
    expect(sayRunReason('Opt-out keyword', 'de')).toBe('Opt-out keyword');
    expect(readRunReason('Something the engine said in 2025')).toEqual({ text: 'Something the engine said in 2025' });
  });
});
