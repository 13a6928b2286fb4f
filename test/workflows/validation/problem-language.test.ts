import { describe, expect, it } from 'vitest';
import {
  issueText,
  migrateDefinition,
  InvalidDefinitionError,
  nodeTypeCatalog,
  validateWorkflow,
} from '../../../workflows/index';
import { aGraph, GROUP_A } from '../fixtures';

const groups = { acdGroupIds: new Set([GROUP_A]) };
const messagesIn = (language: 'en' | 'de', graph: ReturnType<typeof aGraph>) =>
  validateWorkflow(graph, { ...groups, language }).map((problem) => problem.message);

describe('workflow problems in German', () => {
  it('say the node types’ own checks and zod’s in German, with the same codes and fields', () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['why', 'drop', { reason: '' }],
        ['look', 'switch', { field: 'sms.text', cases: [{ id: 'a', operator: 'regex', value: '(?=x)' }] }],
        ['call', 'http_request', { url: 'ftp://crm' }],
        ['mail', 'send_email', { to: 'not-an-address' }],
        ['route', 'route_to_acd_group', {}],
      ],
      [['start', 'next', 'why']],
    );
    const german = messagesIn('de', graph);
    expect(german).toEqual(
      expect.arrayContaining([
        'Verwerfen „why“: Grund: Sagen Sie, warum die SMS verworfen wird.',
        expect.stringMatching(
          /„look“: .*Lookahead \(\?=…\) wird nicht unterstützt: reguläre Ausdrücke nutzen die RE2-Syntax/,
        ),
        expect.stringMatching(/„call“: URL: Beginnen Sie die URL mit http:\/\/ oder https:\/\//),
        expect.stringMatching(/„mail“: .*„not-an-address“ ist keine E-Mail-Adresse\.$/),
        expect.stringMatching(/„route“: ACD-Gruppe: Wählen Sie eine ACD-Gruppe\.$/),
      ]),
    );
    const english = messagesIn('en', graph);
    expect(english).toContain('Drop "why": Reason: Say why the SMS is dropped.');
    expect(german).toHaveLength(english.length);
    // Nothing of the English is left in the German sentences but names and values.
    for (const [index, message] of german.entries()) expect(message).not.toBe(english[index]);
  });

  it('says zod’s own checks of a config from the catalog (a missing value, a wrong type)', () => {
    const [type] = nodeTypeCatalog.filter((nodeType) => nodeType.type === 'set_variables');
    const issues = type!.config.safeParse({ assignments: [{ name: 3 }] }, { reportInput: true }).error!.issues;
    expect(issues.map((issue) => issueText(issue, 'de'))).toContain('muss ein Text sein');
  });

  it('tells in German why a definition is no workflow', () => {
    try {
      migrateDefinition({ schemaVersion: 99, nodes: [], edges: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDefinitionError);
      expect((error as InvalidDefinitionError).issues[0]!.text.de).toBe(
        'Version 99 stammt von einem neueren Switchboard; dieses liest bis Version 1',
      );
    }
  });
});
