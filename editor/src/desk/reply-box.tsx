import { Alert, Button, Group, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANNED_PLACEHOLDER_WORDS,
  renderCanned,
  type CannedPlaceholder,
  type CannedValues,
} from '../../../contract/canned-placeholders';
import type { CannedResponse } from '../../../contract/canned-responses';
import type { ConversationMessage } from '../../../contract/conversations';
import { countSegments, MAX_SEGMENTS } from '../../../contract/sms-segments';
import { ApiError, getAll, post } from '../api/http';
import { insertAt, matchingCanned, slashAt } from './canned-slash';
import { deskConversationKey, type DeskConversation } from './desk-conversation-query';

/** The agent's client's canned responses, read once per desk. */
const DESK_CANNED_KEY = ['desk-canned-responses'] as const;

/**
 * The reply box of a held conversation: the text with its live segment count and encoding, Send
 * (or Ctrl+Enter), the server's refusal under the box, and canned responses inserted by typing
 * `/` (filtered as typed, arrows and Enter choose, Escape closes), their placeholders filled.
 */
export function ReplyBox({
  conversationId,
  values,
  focus = false,
}: {
  conversationId: string;
  values: CannedValues;
  /** Take the focus when shown (or when asked to later). */
  focus?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState<CannedPlaceholder[]>([]);
  /** Where a `/` was closed with Escape: its list stays closed until another one is typed. */
  const [dismissed, setDismissed] = useState<number>();
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (focus) input.current?.focus();
  }, [focus]);

  const slash = slashAt(text, caret);
  const picking = slash !== undefined && slash.start !== dismissed;
  const canned = useQuery({
    queryKey: DESK_CANNED_KEY,
    queryFn: () => getAll<CannedResponse>('/api/desk/canned-responses'),
    staleTime: 60_000,
    enabled: picking,
  });
  const matches = picking && canned.data ? matchingCanned(canned.data, slash.query) : [];
  const chosen = Math.min(active, Math.max(0, matches.length - 1));

  const counted = countSegments(text.trim());
  const tooLong = counted.segments > MAX_SEGMENTS;

  const edit = (next: string, nextCaret: number) => {
    setText(next);
    setCaret(nextCaret);
    setActive(0);
    setError(undefined);
  };

  const choose = (response: CannedResponse) => {
    if (!slash) return;
    const rendered = renderCanned(response.text, values);
    const inserted = insertAt(text, slash, rendered.text);
    edit(inserted.text, inserted.caret);
    setMissing(rendered.missing);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(inserted.caret, inserted.caret);
    });
  };

  const send = async () => {
    if (sending || text.trim() === '' || tooLong) return;
    setSending(true);
    setError(undefined);
    try {
      const message = await post<ConversationMessage>(`/api/desk/conversations/${conversationId}/messages`, { text });
      queryClient.setQueryData<DeskConversation>(deskConversationKey(conversationId), (thread) =>
        thread && !thread.messages.some((m) => m.id === message.id)
          ? { ...thread, messages: [...thread.messages, message] }
          : thread,
      );
      edit('', 0);
      setMissing([]);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.fieldMessage : String(failure));
      // A 409 or 422 says the conversation changed (closed, unreachable): show it as it is.
      if (failure instanceof ApiError && (failure.status === 409 || failure.status === 422))
        void queryClient.invalidateQueries({ queryKey: deskConversationKey(conversationId) });
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picking && event.key === 'Escape') {
      event.preventDefault();
      setDismissed(slash.start);
      return;
    }
    if (picking && matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((chosen + step + matches.length) % matches.length);
        return;
      }
      if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
        event.preventDefault();
        choose(matches[chosen]!);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const counter =
    text.trim() === ''
      ? t('deskReply.box.empty', { max: MAX_SEGMENTS })
      : tooLong
        ? t('deskReply.box.tooLong', { count: counted.segments, max: MAX_SEGMENTS })
        : t('deskReply.box.counter', {
            count: counted.segments,
            characters: counted.characters,
            encoding: counted.encoding,
          });

  return (
    <Stack gap={4} data-testid="reply-box">
      <Textarea
        ref={input}
        aria-label={t('deskReply.box.label')}
        placeholder={t('deskReply.box.placeholder')}
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        onChange={(event) => edit(event.currentTarget.value, event.currentTarget.selectionStart)}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {picking && (
        <Paper
          withBorder
          p={4}
          radius="sm"
          shadow="sm"
          data-testid="canned-picker"
          aria-label={t('deskReply.canned.label')}
        >
          {canned.error ? (
            <Text size="xs" c="red">
              {t('deskReply.canned.notLoaded')}
            </Text>
          ) : canned.data && matches.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('deskReply.canned.none', { query: slash.query })}
            </Text>
          ) : (
            <Stack gap={0} role="listbox">
              {matches.map((response, index) => (
                <UnstyledButton
                  key={response.id}
                  role="option"
                  aria-selected={index === chosen}
                  px={6}
                  py={3}
                  bg={index === chosen ? 'blue.0' : undefined}
                  style={{ borderRadius: 4 }}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(response)}
                  data-testid="canned-option"
                >
                  <Text size="sm" fw={600} span>
                    /{response.shortcut}
                  </Text>{' '}
                  <Text size="sm" c="dimmed" span>
                    {response.title}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </Paper>
      )}
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'} data-testid="segment-counter">
          {counter}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t('deskReply.box.hint')}
          </Text>
          <Button
            size="xs"
            leftSection={<Send size={14} />}
            loading={sending}
            disabled={text.trim() === '' || tooLong}
            onClick={() => void send()}
          >
            {t('deskReply.box.send')}
          </Button>
        </Group>
      </Group>
      {missing.length > 0 && (
        <Text size="xs" c="orange.8">
          {t('deskReply.canned.missing', {
            names: missing.map((name) => t(`cannedResponses.placeholder.${CANNED_PLACEHOLDER_WORDS[name]}`)).join(', '),
          })}
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" p="xs" title={t('deskReply.box.notSent')} data-testid="reply-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
