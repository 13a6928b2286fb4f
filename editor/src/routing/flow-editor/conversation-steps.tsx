import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { Hourglass, MessageSquareReply, Plus, Trash2 } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { MAX_SIMULATED_REPLIES } from '../../../../contract/routing-applications';
import { describeTimeout, findNodeType } from '../../../../workflows';
import type {
  ConversationStep,
  SimulatedReply,
  SimulatedWait,
  SimulationEffects,
  SimulationResult,
} from '../../api/types';
import { formatTime } from '../../common/format';
import { useLanguage } from '../../i18n/use-language';
import { useEditor } from './editor-store';
import { OutcomeAlert, TraceTable } from './run-result';
import { SentSmsList } from './sent-sms-list';

const BOLD = { b: <b /> };

/** A step of the conversation as the form holds it: the reply, and a key that stays when others go. */
export interface ReplyDraft {
  key: number;
  reply: SimulatedReply;
}

let nextKey = 0;
export const replyDrafts = (replies: readonly SimulatedReply[] = []): ReplyDraft[] =>
  replies.map((reply) => ({ key: nextKey++, reply }));

/** After the first SMS: the replies (or timeouts) that resume the run each time it waits. */
export function RepliesForm({
  drafts,
  onChange,
}: {
  drafts: readonly ReplyDraft[];
  onChange(next: ReplyDraft[]): void;
}) {
  const { t } = useTranslation();
  const full = drafts.length >= MAX_SIMULATED_REPLIES;
  const add = (reply: SimulatedReply) => onChange([...drafts, ...replyDrafts([reply])]);
  return (
    <Stack gap={4} data-testid="conversation-replies">
      <Text size="xs" fw={500}>
        {t('conversationSimulation.then')}
      </Text>
      {drafts.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('conversationSimulation.none')}
        </Text>
      )}
      {drafts.map((draft, index) => {
        const number = index + 1;
        return (
          <Group key={draft.key} gap={4} wrap="nowrap" align="center">
            {draft.reply.kind === 'reply' ? (
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                aria-label={t('conversationSimulation.replyLabel', { number })}
                placeholder={t('conversationSimulation.replyPlaceholder')}
                leftSection={<MessageSquareReply size={13} />}
                className="nokey"
                name={`test-reply-${number}`}
                value={draft.reply.text}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  onChange(
                    drafts.map((other) =>
                      other.key === draft.key ? { ...other, reply: { kind: 'reply', text } } : other,
                    ),
                  );
                }}
              />
            ) : (
              <Group gap={6} style={{ flex: 1 }} wrap="nowrap" data-testid={`test-timeout-${number}`}>
                <Hourglass size={13} />
                <Text size="xs">{t('conversationSimulation.timeoutStep')}</Text>
              </Group>
            )}
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={t('conversationSimulation.remove', { number })}
              onClick={() => onChange(drafts.filter((other) => other.key !== draft.key))}
            >
              <Trash2 size={13} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group gap={6}>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          disabled={full}
          onClick={() => add({ kind: 'reply', text: '' })}
          data-testid="add-reply"
        >
          {t('conversationSimulation.addReply')}
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color="gray"
          leftSection={<Hourglass size={12} />}
          disabled={full}
          onClick={() => add({ kind: 'timeout' })}
          data-testid="add-timeout"
        >
          {t('conversationSimulation.addTimeout')}
        </Button>
      </Group>
      {full && (
        <Text size="xs" c="dimmed">
          {t('conversationSimulation.most', { max: MAX_SIMULATED_REPLIES })}
        </Text>
      )}
    </Stack>
  );
}

/** A simulation's answer: how it ended (or where it still waits), then each step with its part of the path. */
export function ConversationResult({ result, groupName }: { result: SimulationResult; groupName(id: string): string }) {
  const { t } = useTranslation();
  const stepTitle = useStepTitle();
  let before = 0;
  return (
    <Stack gap={6} data-testid="conversation-result">
      {result.waiting ? (
        <StillWaiting waiting={result.waiting} />
      ) : (
        <OutcomeAlert outcome={result.outcome} groupName={groupName} />
      )}
      {result.unusedReplies.length > 0 && (
        <Alert color="yellow" variant="light" p="xs" data-testid="unused-replies">
          <Text size="sm">
            {t('conversationSimulation.unused', {
              count: result.unusedReplies.length,
              steps: result.unusedReplies.map((reply) => stepTitle(reply)).join(', '),
            })}
          </Text>
        </Alert>
      )}
      {result.steps.map((step, index) => {
        const first = before + 1;
        before += step.trace.length;
        return <StepCard key={index} number={index + 1} step={step} firstTraceNumber={first} />;
      })}
    </Stack>
  );
}

function StepCard({
  number,
  step,
  firstTraceNumber,
}: {
  number: number;
  step: ConversationStep;
  firstTraceNumber: number;
}) {
  const { t } = useTranslation();
  const stepTitle = useStepTitle();
  return (
    <Paper withBorder p={6} radius="sm" data-testid={`conversation-step-${number}`}>
      <Stack gap={4}>
        <Group gap={6} wrap="nowrap">
          <Badge size="sm" variant="filled" color={step.input.kind === 'timeout' ? 'gray' : 'blue'} circle>
            {number}
          </Badge>
          <Text size="xs" fw={600} truncate>
            {stepTitle(step.input)}
          </Text>
        </Group>
        <TraceTable trace={step.trace} firstNumber={firstTraceNumber} />
        <SentSmsList sms={step.sms} />
        <StepEffects effects={step} />
        {step.waiting && (
          <Group gap={6} wrap="nowrap" data-testid="step-waits">
            <Hourglass size={13} color="var(--mantine-color-violet-6)" />
            <Text size="xs" c="violet.8">
              {t('conversationSimulation.waitsHere', {
                timeout: timeoutOf(step.waiting),
                until: formatTime(step.waiting.until),
              })}
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** What the step would have sent, recorded and not sent. */
function StepEffects({ effects }: { effects: SimulationEffects }) {
  const { t } = useTranslation();
  const lines = [
    ...effects.emails.map((email) =>
      t('conversationSimulation.email', { to: email.to.join(', '), subject: email.subject }),
    ),
    ...effects.httpRequests.map((request) =>
      t('conversationSimulation.request', { method: request.method, url: request.url }),
    ),
  ];
  if (lines.length === 0) return null;
  return (
    <Stack gap={2} data-testid="step-effects">
      <Text size="xs" c="dimmed">
        {t('conversationSimulation.wouldSend')}
      </Text>
      {lines.map((line, index) => (
        <Text key={index} size="xs" ff="monospace" truncate>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

function StillWaiting({ waiting }: { waiting: SimulatedWait }) {
  const nodes = useEditor((state) => state.nodes);
  const language = useLanguage();
  const node = nodes.find((candidate) => candidate.id === waiting.nodeId);
  const name = node?.data.label?.trim() || findNodeType(waiting.nodeType)?.label[language] || waiting.nodeId;
  return (
    <Alert color="violet" variant="light" p="xs" data-testid="outcome">
      <Text size="sm">
        <Trans
          i18nKey="conversationSimulation.stillWaiting"
          values={{ node: name, timeout: timeoutOf(waiting) }}
          components={BOLD}
        />
      </Text>
    </Alert>
  );
}

/** Says what came in at a step: the first SMS, a reply, or no reply. */
function useStepTitle(): (input: ConversationStep['input']) => string {
  const { t } = useTranslation();
  return (input) => {
    if (input.kind === 'timeout') return t('conversationSimulation.step.timeout');
    if (input.kind === 'sms') return t('conversationSimulation.step.sms', { text: input.text });
    return t('conversationSimulation.step.reply', { text: input.text });
  };
}

function timeoutOf(waiting: SimulatedWait): string {
  return describeTimeout(Math.round((Date.parse(waiting.until) - Date.parse(waiting.since)) / 1000));
}
