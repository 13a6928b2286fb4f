import { Button, Group, Modal, Stack, Text, type MantineColor, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, formError } from './page';

/**
 * A dialog with one form: the API's error on top (unless a field shows it), the fields, then
 * Cancel and the action. Enter submits.
 */
export function FormModal({
  opened = true,
  title,
  onClose,
  onSubmit,
  submitLabel,
  submitColor,
  loading,
  error,
  fields = [],
  children,
  size,
  testId,
  closeOnClickOutside,
}: {
  opened?: boolean;
  title: ReactNode;
  onClose(): void;
  onSubmit(): void;
  submitLabel: string;
  submitColor?: MantineColor;
  loading?: boolean;
  /** The mutation's error: shown here unless it names one of `fields` (the form shows that at the field). */
  error?: unknown;
  fields?: readonly string[];
  children: ReactNode;
  size?: ModalProps['size'];
  testId?: string;
  closeOnClickOutside?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={typeof title === 'string' ? <Text fw={600}>{title}</Text> : title}
      size={size}
      centered
      closeOnClickOutside={closeOnClickOutside}
    >
      <form
        data-testid={testId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack>
          <ErrorAlert error={formError(error, fields)} />
          {children}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
