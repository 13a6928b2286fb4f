import { NumberInput, Select, Stack, Text, Textarea, TextInput, Group } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { branchOfDraw, drawForBranch, findNodeType, mockTargetsOf, type SimulationMocks } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { useEditor, type FlowNode } from './editor-store';
import { lookOf, portLabelOf } from './node-catalog';

/** What the small forms hold: text as typed, turned into mocks by `mocksOfAnswers`. */
export interface FakeAnswers {
  /** By HTTP request node id: the status to answer (empty: no answer, the request fails) and the JSON body. */
  http: Record<string, { status: string; json: string }>;
  /** By ACD group id. */
  groups: Record<string, { availableAgents: number | string; queueLength: number | string }>;
  /** `node id` + NUL + `branch id` of the branch the split draw takes; empty for a real draw. */
  split: string;
}

export const noFakeAnswers = (): FakeAnswers => ({ http: {}, groups: {}, split: '' });

const SPLIT_KEY = '\u0000';

/** What the fake answers can answer in the canvas's graph (the node types say, not the editor). */
const targetsOf = (nodes: readonly FlowNode[]) =>
  mockTargetsOf(nodes.map((node) => ({ id: node.id, type: node.type ?? '', config: node.data.config })));

/**
 * The forms' answers for saved mocks (a saved test case), and what the forms cannot hold (answers
 * keyed by URL, a draw no split's branch names) as the mocks left for the advanced JSON.
 */
export function answersOfMocks(
  mocks: SimulationMocks | undefined,
  nodes: readonly FlowNode[],
): { answers: FakeAnswers; rest: SimulationMocks | undefined } {
  const answers = noFakeAnswers();
  const rest: {
    http: NonNullable<SimulationMocks['http']>;
    acdGroups?: SimulationMocks['acdGroups'];
    random?: number;
  } = {
    http: {},
  };
  const targets = targetsOf(nodes);
  const httpNodes = new Set(targets.httpNodeIds);
  for (const [key, answer] of Object.entries(mocks?.http ?? {})) {
    if (httpNodes.has(key) && 'status' in answer)
      answers.http[key] = {
        status: String(answer.status ?? 200),
        json: answer.json === undefined ? '' : JSON.stringify(answer.json),
      };
    else rest.http[key] = answer;
  }
  for (const [id, status] of Object.entries(mocks?.acdGroups ?? {}))
    answers.groups[id] = { availableAgents: status.availableAgents, queueLength: status.queueLength ?? 0 };
  if (mocks?.random !== undefined) {
    const taken = targets.splits.flatMap(({ nodeId, shares }) => {
      const found = branchOfDraw(shares, mocks.random!);
      return found?.sameDraw ? [`${nodeId}${SPLIT_KEY}${found.branchId}`] : [];
    })[0];
    if (taken !== undefined) answers.split = taken;
    else rest.random = mocks.random;
  }
  const left = Object.keys(rest.http).length > 0 || rest.random !== undefined;
  return { answers, rest: left ? rest : undefined };
}

/** The mocks the forms describe, or the field whose JSON does not parse. */
export function mocksOfAnswers(
  answers: FakeAnswers,
  nodes: readonly FlowNode[],
): { mocks: SimulationMocks; invalidJson?: undefined } | { mocks?: undefined; invalidJson: string } {
  const mocks: {
    http: NonNullable<SimulationMocks['http']>;
    acdGroups: NonNullable<SimulationMocks['acdGroups']>;
    random?: number;
  } = {
    http: {},
    acdGroups: {},
  };
  for (const [nodeId, answer] of Object.entries(answers.http)) {
    if (answer.status.trim() === '') continue;
    let json: unknown;
    if (answer.json.trim() !== '') {
      try {
        json = JSON.parse(answer.json);
      } catch {
        return { invalidJson: nodeId };
      }
    }
    mocks.http[nodeId] = { status: Number(answer.status), ...(json !== undefined ? { json } : {}) };
  }
  for (const [groupId, status] of Object.entries(answers.groups)) {
    mocks.acdGroups[groupId] = {
      availableAgents: Number(status.availableAgents) || 0,
      queueLength: Number(status.queueLength) || 0,
    };
  }
  if (answers.split !== '') {
    const [nodeId, branchId] = answers.split.split(SPLIT_KEY) as [string, string];
    const split = targetsOf(nodes).splits.find((candidate) => candidate.nodeId === nodeId);
    const draw = split ? drawForBranch(split.shares, branchId) : undefined;
    if (draw !== undefined) mocks.random = draw;
  }
  return { mocks };
}

/**
 * Fake answers as small forms: an HTTP request's status and JSON body, each ACD group's status
 * (by name) and the branch a split draw takes; only what the graph on the canvas uses.
 */
export function FakeAnswersForm({
  answers,
  onChange,
  groupName,
  invalidJson,
}: {
  answers: FakeAnswers;
  onChange(next: FakeAnswers): void;
  groupName(id: string): string;
  invalidJson: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const nodes = useEditor((state) => state.nodes);
  const title = (node: FlowNode) =>
    node.data.label?.trim() || `${lookOf(findNodeType(node.type ?? ''), language).label} (${node.id})`;
  const targets = useMemo(() => targetsOf(nodes), [nodes]);
  const httpNodes = nodes.filter((node) => targets.httpNodeIds.includes(node.id));
  const groupIds = targets.acdGroupIds;
  const splitChoices = targets.splits.flatMap(({ nodeId, shares }) => {
    const node = nodes.find((candidate) => candidate.id === nodeId)!;
    const nodeType = findNodeType(node.type ?? '');
    if (!nodeType) return [];
    return shares.map((branch) => ({
      value: `${node.id}${SPLIT_KEY}${branch.id}`,
      label: t('flowEditor.fake.splitBranch', {
        branch: portLabelOf(nodeType, node.data.config, branch.id, language),
        node: title(node),
      }),
    }));
  });

  if (httpNodes.length === 0 && groupIds.length === 0 && splitChoices.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('flowEditor.fake.nothingToFake')}
      </Text>
    );
  }
  const http = (id: string) => answers.http[id] ?? { status: '', json: '' };
  const group = (id: string) => answers.groups[id] ?? { availableAgents: '', queueLength: '' };
  return (
    <Stack gap={8} data-testid="fake-answers">
      {httpNodes.map((node) => (
        <Stack key={node.id} gap={4} data-fake-http={node.id}>
          <Text size="xs" fw={600}>
            {title(node)}
          </Text>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              w={90}
              label={t('flowEditor.fake.status')}
              placeholder={t('flowEditor.fake.noAnswer')}
              className="nokey"
              value={http(node.id).status}
              onChange={(event) =>
                onChange({
                  ...answers,
                  http: {
                    ...answers.http,
                    [node.id]: { ...http(node.id), status: event.currentTarget.value.replace(/\D/g, '').slice(0, 3) },
                  },
                })
              }
            />
            <Textarea
              size="xs"
              style={{ flex: 1 }}
              label={t('flowEditor.fake.json')}
              autosize
              minRows={1}
              maxRows={4}
              className="nokey"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
              placeholder='{"tier": "vip"}'
              value={http(node.id).json}
              error={invalidJson === node.id ? t('flowEditor.test.notJson') : undefined}
              onChange={(event) =>
                onChange({
                  ...answers,
                  http: { ...answers.http, [node.id]: { ...http(node.id), json: event.currentTarget.value } },
                })
              }
            />
          </Group>
        </Stack>
      ))}
      {groupIds.map((id) => (
        <Stack key={id} gap={4} data-fake-group={id}>
          <Text size="xs" fw={600}>
            {t('flowEditor.fake.group', { group: groupName(id) })}
          </Text>
          <Group gap={6} grow wrap="nowrap">
            <NumberInput
              size="xs"
              min={0}
              allowDecimal={false}
              label={t('flowEditor.fake.availableAgents')}
              placeholder="0"
              className="nokey"
              value={group(id).availableAgents}
              onChange={(value) =>
                onChange({ ...answers, groups: { ...answers.groups, [id]: { ...group(id), availableAgents: value } } })
              }
            />
            <NumberInput
              size="xs"
              min={0}
              allowDecimal={false}
              label={t('flowEditor.fake.queueLength')}
              placeholder="0"
              className="nokey"
              value={group(id).queueLength}
              onChange={(value) =>
                onChange({ ...answers, groups: { ...answers.groups, [id]: { ...group(id), queueLength: value } } })
              }
            />
          </Group>
        </Stack>
      ))}
      {splitChoices.length > 0 && (
        <Select
          size="xs"
          label={t('flowEditor.fake.split')}
          placeholder={t('flowEditor.fake.splitRandom')}
          data={splitChoices}
          value={answers.split || null}
          onChange={(value) => onChange({ ...answers, split: value ?? '' })}
          clearable
          className="nokey"
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Stack>
  );
}
