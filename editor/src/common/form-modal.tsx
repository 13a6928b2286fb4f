import { Modal, Stack, Text, TextInput, type MantineColor, type ModalProps, type TextInputProps } from '@mantine/core';
import { useForm, type FormValidateInput } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/queries';
import { DialogButtons } from './confirm';
import { ErrorAlert, fieldError, formError } from './page';

/** What a list page's form is open for: a new object (`item` undefined), one of the list, or nothing. */
export function useEditing<T>() {
  const [editing, setEditing] = useState<{ item: T | undefined }>();
  return {
    open: editing !== undefined,
    item: editing?.item,
    create: () => setEditing({ item: undefined }),
    edit: (item: T) => setEditing({ item }),
    close: () => setEditing(undefined),
  };
}

/** A form checked on every change, by `validate`'s rules. */
// `any`: the bound of Mantine's useForm, which an interface of values meets (`unknown` would not).
export function useCheckedForm<V extends Record<string, any>>(initialValues: V, validate?: FormValidateInput<V>) {
  return useForm<V>({ mode: 'controlled', validateInputOnChange: true, initialValues, validate });
}

/**
 * A form that saves through one API call, for a `FormModal`: checked on every change, on submit
 * checked again and saved; a field shows the browser's rule first, else the API's sentence about it.
 * `modal` goes to the `FormModal`.
 */
// `any`: the bound of Mantine's useForm, which an interface of values meets (`unknown` would not).
export function useModalForm<V extends Record<string, any>, R>({
  initialValues,
  validate,
  save,
  invalidate,
  fields,
  onSaved,
}: {
  initialValues: V;
  validate?: FormValidateInput<V>;
  save(values: V): Promise<R>;
  /** The queries the change makes stale. */
  invalidate: readonly (readonly unknown[])[];
  /** The fields the API may name in an error. */
  fields: readonly string[];
  onSaved(result: R, values: V): void;
}) {
  const form = useCheckedForm(initialValues, validate);
  const mutation = useApiMutation(save, invalidate);
  const errorOf = (field: string) => form.errors[field] ?? fieldError(mutation.error, field);
  /** A field's input props with its error: the browser's rule first, else the API's sentence. */
  const field = (path: string) => ({ ...form.getInputProps(path), error: errorOf(path) });
  const submit = () => {
    if (form.validate().hasErrors) return;
    const values = form.getValues();
    mutation.mutate(values, { onSuccess: (result) => onSaved(result, values) });
  };
  return {
    form,
    save: mutation,
    errorOf,
    field,
    modal: { loading: mutation.isPending, error: mutation.error, fields, onSubmit: submit },
  };
}

/** The name of what a dialog makes or changes: its first field, focused when it opens. */
export function NameInput(props: TextInputProps) {
  const { t } = useTranslation();
  return <TextInput label={t('common.name')} required data-autofocus {...props} />;
}

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
          <DialogButtons mt="xs" onCancel={onClose} actionLabel={submitLabel} color={submitColor} loading={loading} />
        </Stack>
      </form>
    </Modal>
  );
}
