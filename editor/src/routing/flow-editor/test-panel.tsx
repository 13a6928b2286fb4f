import { Box, Button, Collapse, Group, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SimulationMocks } from '../../../../workflows';
import { post } from '../../api/http';
import type { SimulationResult } from '../../api/types';
import { ErrorAlert } from '../../common/page';
import { highlightOf, useEditorStore } from './editor-store';
import { answersOfMocks, FakeAnswersForm, mocksOfAnswers, noFakeAnswers, type FakeAnswers } from './fake-answers';
import { SavedTestCases, type TestCaseInput } from './saved-test-cases';
import dayjs from 'dayjs';
import { OutcomeAlert, TraceSummary, TraceTable } from './run-result';
import { ConversationResult, RepliesForm, replyDrafts, type ReplyDraft } from './conversation-steps';
import { SentSmsList } from './sent-sms-list';

/**
 * Runs the graph on the canvas against a made-up SMS and the replies that follow it, without side
 * effects, and draws the path.
 */
export function TestPanel({ applicationId, groupName }: { applicationId: string; groupName(id: string): string }) {
  const { t } = useTranslation();
  const store = useEditorStore();
  const [sender, setSender] = useState('+491701234567');
  const [message, setMessage] = useState('');
  const [replies, setReplies] = useState<ReplyDraft[]>([]);
  const [keyword, setKeyword] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const [mocksOpen, setMocksOpen] = useState(false);
  const [mocks, setMocks] = useState('');
  const [mocksError, setMocksError] = useState<string | undefined>();
  const [answers, setAnswers] = useState<FakeAnswers>(noFakeAnswers);
  const [invalidJson, setInvalidJson] = useState<string | undefined>();
  const [rawOpen, setRawOpen] = useState(false);

  const simulate = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      post<SimulationResult>(`/api/routing-applications/${applicationId}/simulate`, body),
    onSuccess: (result) => store.getState().setHighlight(highlightOf(result.trace, store.getState().edges)),
  });

  /** The SMS and fake answers as the form holds them, or undefined (with the field marked) when one is not valid. */
  const inputNow = (): TestCaseInput | undefined => {
    const fromForms = mocksOfAnswers(answers, store.getState().nodes);
    if (fromForms.mocks === undefined) {
      setInvalidJson(fromForms.invalidJson);
      return undefined;
    }
    setInvalidJson(undefined);
    let parsedMocks: SimulationMocks | undefined;
    if (mocks.trim() !== '') {
      try {
        const check = SimulationMocks.safeParse(JSON.parse(mocks));
        if (!check.success) {
          setMocksError(check.error.issues[0]?.message ?? t('flowEditor.test.mocksInvalid'));
          return undefined;
        }
        parsedMocks = check.data;
      } catch {
        setMocksError(t('flowEditor.test.notJson'));
        return undefined;
      }
    }
    setMocksError(undefined);
    // The advanced JSON adds to the forms' answers; where both answer the same thing, it wins.
    const form = fromForms.mocks;
    const combined: SimulationMocks = {
      http: { ...form.http, ...parsedMocks?.http },
      acdGroups: { ...form.acdGroups, ...parsedMocks?.acdGroups },
      ...((parsedMocks?.random ?? form.random) !== undefined ? { random: parsedMocks?.random ?? form.random } : {}),
    };
    const anything =
      Object.keys(combined.http ?? {}).length + Object.keys(combined.acdGroups ?? {}).length > 0 ||
      combined.random !== undefined;
    return {
      sender,
      message,
      ...(keyword.trim() !== '' ? { keyword: keyword.trim() } : {}),
      ...(at ? { at: new Date(at.replace(' ', 'T')).toISOString() } : {}),
      ...(anything ? { mocks: combined } : {}),
      ...(replies.length > 0 ? { replies: replies.map((draft) => draft.reply) } : {}),
    };
  };

  const runInput = (input: TestCaseInput) => simulate.mutate({ ...input, graph: store.getState().toGraph() });
  const run = () => {
    const input = inputNow();
    if (input) runInput(input);
  };

  /** Puts a saved case into the form (what the forms cannot hold goes to the advanced JSON) and runs it. */
  const runSaved = (input: TestCaseInput) => {
    setSender(input.sender);
    setMessage(input.message);
    setReplies(replyDrafts(input.replies));
    setKeyword(input.keyword ?? '');
    setAt(input.at ? dayjs(input.at).format('YYYY-MM-DD HH:mm:ss') : null);
    const { answers: loaded, rest } = answersOfMocks(input.mocks, store.getState().nodes);
    setAnswers(loaded);
    setMocks(rest ? JSON.stringify(rest) : '');
    setRawOpen(rest !== undefined);
    setMocksOpen(input.mocks !== undefined);
    setMocksError(undefined);
    setInvalidJson(undefined);
    runInput(input);
  };

  const result = simulate.data;
  return (
    <Group align="stretch" gap={0} h="100%" wrap="nowrap">
      <Box w={320} p="sm" style={{ borderRight: '1px solid var(--mantine-color-gray-3)', flexShrink: 0 }}>
        <ScrollArea h="100%" type="auto">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              run();
            }}
          >
            <Stack gap={8}>
              <Group gap={8} grow wrap="nowrap" align="flex-start">
                <TextInput
                  size="xs"
                  label={t('flowEditor.test.sender')}
                  value={sender}
                  onChange={(e) => setSender(e.currentTarget.value)}
                  className="nokey"
                  name="test-sender"
                />
                <DateTimePicker
                  size="xs"
                  label={t('flowEditor.test.receivedAt', { zone: browserTimeZone() })}
                  placeholder={t('flowEditor.test.now')}
                  value={at}
                  onChange={(value) => setAt(value)}
                  clearable
                  valueFormat="YYYY-MM-DD HH:mm"
                  className="nokey"
                  popoverProps={{ withinPortal: true }}
                />
              </Group>
              <Textarea
                size="xs"
                label={t('flowEditor.test.text')}
                value={message}
                onChange={(e) => setMessage(e.currentTarget.value)}
                autosize
                minRows={1}
                maxRows={3}
                className="nokey"
                name="test-message"
                placeholder={t('flowEditor.test.textExample')}
              />
              <RepliesForm drafts={replies} onChange={setReplies} />
              <TextInput
                size="xs"
                label={t('flowEditor.test.keyword')}
                description={t('flowEditor.test.keywordHint')}
                value={keyword}
                onChange={(e) => setKeyword(e.currentTarget.value)}
                className="nokey"
                name="test-keyword"
              />
              <Text size="xs" c="blue.7" style={{ cursor: 'pointer' }} onClick={() => setMocksOpen((open) => !open)}>
                {mocksOpen ? t('flowEditor.test.hideMocks') : t('flowEditor.test.showMocks')}
              </Text>
              <Collapse expanded={mocksOpen}>
                <Stack gap={6}>
                  <FakeAnswersForm
                    answers={answers}
                    onChange={setAnswers}
                    groupName={groupName}
                    invalidJson={invalidJson}
                  />
                  <Text size="xs" c="blue.7" style={{ cursor: 'pointer' }} onClick={() => setRawOpen((open) => !open)}>
                    {rawOpen ? t('flowEditor.fake.hideRaw') : t('flowEditor.fake.showRaw')}
                  </Text>
                  <Collapse expanded={rawOpen}>
                    <Textarea
                      aria-label={t('flowEditor.fake.raw')}
                      size="xs"
                      autosize
                      minRows={3}
                      maxRows={6}
                      className="nokey"
                      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
                      placeholder='{"acdGroups": {"<group id>": {"availableAgents": 2}}, "http": {"<node id>": {"status": 200, "json": {}}}, "random": 0.3}'
                      value={mocks}
                      onChange={(e) => setMocks(e.currentTarget.value)}
                      error={mocksError}
                    />
                  </Collapse>
                </Stack>
              </Collapse>
              <Group gap={6} wrap="nowrap">
                <Button
                  type="submit"
                  size="xs"
                  leftSection={<FlaskConical size={14} />}
                  loading={simulate.isPending}
                  data-testid="run-test"
                >
                  {t('flowEditor.test.run')}
                </Button>
                {result && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<X size={14} />}
                    onClick={() => {
                      simulate.reset();
                      store.getState().setHighlight(null);
                    }}
                  >
                    {t('flowEditor.test.clear')}
                  </Button>
                )}
              </Group>
              <SavedTestCases applicationId={applicationId} inputNow={inputNow} onRun={runSaved} />
            </Stack>
          </form>
        </ScrollArea>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }} p="sm">
        <ScrollArea h="100%" type="auto">
          <ErrorAlert error={simulate.error} title={t('flowEditor.test.couldNotRun')} />
          {!result && !simulate.error && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('flowEditor.test.hint')}
            </Text>
          )}
          {result && (
            <Stack gap={6}>
              {result.steps.length > 1 || result.status === 'waiting' || result.unusedReplies.length > 0 ? (
                <>
                  <TraceSummary count={result.trace.length} />
                  <ConversationResult result={result} groupName={groupName} />
                </>
              ) : (
                <>
                  <OutcomeAlert outcome={result.outcome} groupName={groupName} />
                  <TraceSummary count={result.trace.length} />
                  <TraceTable trace={result.trace} />
                  <SentSmsList sms={result.sms} />
                </>
              )}
            </Stack>
          )}
        </ScrollArea>
      </Box>
    </Group>
  );
}

/** The zone the picker's wall time is read in: the browser's, as `new Date(…)` reads it. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
