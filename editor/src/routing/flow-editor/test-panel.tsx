import { Box, Button, Collapse, Group, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical, X } from 'lucide-react';
import { useState } from 'react';
import { SimulationMocks } from '../../../../workflows';
import { post } from '../../api/http';
import type { SimulationResult } from '../../api/types';
import { ErrorAlert } from '../../common/page';
import { highlightOf, useEditorStore } from './editor-store';
import { OutcomeAlert, TraceSummary, TraceTable } from './run-result';

/** Runs the graph on the canvas against a made-up SMS, without side effects, and draws the path. */
export function TestPanel({ applicationId, groupName }: { applicationId: string; groupName(id: string): string }) {
  const store = useEditorStore();
  const [sender, setSender] = useState('+491701234567');
  const [message, setMessage] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const [mocksOpen, setMocksOpen] = useState(false);
  const [mocks, setMocks] = useState('');
  const [mocksError, setMocksError] = useState<string | undefined>();

  const simulate = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      post<SimulationResult>(`/api/routing-applications/${applicationId}/simulate`, body),
    onSuccess: (result) => store.getState().setHighlight(highlightOf(result.trace, store.getState().edges)),
  });

  const run = () => {
    let parsedMocks: unknown;
    if (mocks.trim() !== '') {
      try {
        const check = SimulationMocks.safeParse(JSON.parse(mocks));
        if (!check.success) {
          setMocksError(check.error.issues[0]?.message ?? 'These mocks are not valid');
          return;
        }
        parsedMocks = JSON.parse(mocks);
      } catch {
        setMocksError('This is not valid JSON');
        return;
      }
    }
    setMocksError(undefined);
    simulate.mutate({
      sender,
      message,
      ...(at ? { at: new Date(at.replace(' ', 'T')).toISOString() } : {}),
      graph: store.getState().toGraph(),
      ...(parsedMocks ? { mocks: parsedMocks } : {}),
    });
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
                  label="Sender"
                  value={sender}
                  onChange={(e) => setSender(e.currentTarget.value)}
                  className="nokey"
                  name="test-sender"
                />
                <DateTimePicker
                  size="xs"
                  label="Received at"
                  placeholder="Now"
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
                label="Text"
                value={message}
                onChange={(e) => setMessage(e.currentTarget.value)}
                autosize
                minRows={1}
                maxRows={3}
                className="nokey"
                name="test-message"
                placeholder="HELP"
              />
              <Text size="xs" c="blue.7" style={{ cursor: 'pointer' }} onClick={() => setMocksOpen((open) => !open)}>
                {mocksOpen ? 'Hide' : 'Add'} fake answers (HTTP, ACD group status, split draw)
              </Text>
              <Collapse expanded={mocksOpen}>
                <Textarea
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
              <Group gap={6}>
                <Button
                  type="submit"
                  size="xs"
                  leftSection={<FlaskConical size={14} />}
                  loading={simulate.isPending}
                  data-testid="run-test"
                >
                  Run test
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
                    Clear
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        </ScrollArea>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }} p="sm">
        <ScrollArea h="100%" type="auto">
          <ErrorAlert error={simulate.error} title="The test could not run" />
          {!result && !simulate.error && (
            <Text size="sm" c="dimmed" mt="xs">
              Enter an SMS and run it through the graph on the canvas (saved or not). Nothing is sent or stored: HTTP
              requests and ACD group status are answered by the fake answers, or fail/are empty without them.
            </Text>
          )}
          {result && (
            <Stack gap={6}>
              <OutcomeAlert outcome={result.outcome} groupName={groupName} />
              <TraceSummary count={result.trace.length} />
              <TraceTable trace={result.trace} />
            </Stack>
          )}
        </ScrollArea>
      </Box>
    </Group>
  );
}
