import { Button, Group, Modal, Text, type MantineColor } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './page';

/** Cancel (or `cancelLabel`), then the dialog's action. */
export function DialogButtons({
  onCancel,
  cancelLabel,
  actionLabel,
  onAction,
  color,
  loading,
  mt,
}: {
  onCancel(): void;
  /** Instead of "Cancel" when the action itself cancels something, e.g. "Keep it" beside "Cancel SMS". */
  cancelLabel?: string;
  actionLabel: string;
  /** Without it the action submits the form around it. */
  onAction?(): void;
  color?: MantineColor;
  loading?: boolean;
  mt: 'xs' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      <Button type={onAction ? 'button' : 'submit'} color={color} onClick={onAction} loading={loading}>
        {actionLabel}
      </Button>
    </Group>
  );
}

/** The mutation a `ConfirmModal` asks about, e.g. `useApiMutation`'s. */
interface ConfirmedMutation<V, R> {
  mutate(variables: V, options: { onSuccess(result: R): void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

/**
 * Asking before a mutation runs on one item: `ask(item)` opens the dialog, `props` go to the
 * `ConfirmModal`; after it ran, `done` (e.g. to say so) and the dialog closes.
 */
export function useConfirm<T, V, R>(
  mutation: ConfirmedMutation<V, R>,
  variables: (item: T) => V,
  done: (item: T, result: R) => void,
) {
  const [item, setItem] = useState<T | undefined>();
  return {
    item,
    ask: (next: T) => setItem(next),
    props: {
      opened: item !== undefined,
      loading: mutation.isPending,
      error: mutation.error,
      onClose: () => {
        mutation.reset();
        setItem(undefined);
      },
      onConfirm: () => {
        if (item === undefined) return;
        mutation.mutate(variables(item), {
          onSuccess: (result) => {
            done(item, result);
            setItem(undefined);
          },
        });
      },
    },
  };
}

/** Asks before something that cannot be undone. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
  loading,
  error,
  errorTitle,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** See `DialogButtons`. */
  cancelLabel?: string;
  onConfirm(): void;
  onClose(): void;
  loading?: boolean;
  error?: unknown;
  /** The heading over the server's sentence when the action was refused, e.g. "The group was not deleted". */
  errorTitle?: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{title}</Text>} centered>
      <ErrorAlert error={error} title={errorTitle} />
      <Text size="sm">{children}</Text>
      <DialogButtons
        mt="lg"
        onCancel={onClose}
        cancelLabel={cancelLabel}
        actionLabel={confirmLabel}
        onAction={onConfirm}
        color="red"
        loading={loading}
      />
    </Modal>
  );
}
