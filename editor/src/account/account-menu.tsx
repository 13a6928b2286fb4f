import { Box, Menu, PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound, LockKeyhole, MonitorX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { create } from 'zustand';
import { post } from '../api/http';
import { keys, useApiMutation } from '../api/queries';
import { ConfirmModal } from '../common/confirm';
import { FormModal, useModalForm } from '../common/form-modal';
import { passwordProblem, passwordRule } from '../common/password';
import { AccountLanguageSwitch } from '../i18n/language-switch';

type AccountDialog = 'password' | 'everywhere' | undefined;

/** Which account dialog is open: the menu that opens it closes before the dialog shows. */
const useAccountDialog = create<{ open: AccountDialog; set(dialog: AccountDialog): void }>((set) => ({
  open: undefined,
  set: (open) => set({ open }),
}));

/** The signed-in user's own items of the user menu. */
export function AccountMenuItems() {
  const setDialog = useAccountDialog((state) => state.set);
  const { t } = useTranslation();
  return (
    <>
      <Menu.Label>{t('shell.language')}</Menu.Label>
      <Box px="sm" pb="xs">
        <AccountLanguageSwitch />
      </Box>
      <Menu.Divider />
      <Menu.Item
        leftSection={<LockKeyhole size={15} />}
        onClick={() => setDialog('password')}
        data-testid="change-password"
      >
        {t('account.changePassword')}
      </Menu.Item>
      <Menu.Item leftSection={<KeyRound size={15} />} component={Link} to="/api-keys">
        {t('account.apiKeys')}
      </Menu.Item>
      <Menu.Item
        leftSection={<MonitorX size={15} />}
        onClick={() => setDialog('everywhere')}
        data-testid="logout-everywhere"
      >
        {t('account.signOutEverywhere')}
      </Menu.Item>
    </>
  );
}

/** The dialogs the account items open; rendered once, outside the menu. */
export function AccountDialogs() {
  const { open, set } = useAccountDialog();
  return (
    <>
      {open === 'password' && <ChangePasswordModal onClose={() => set(undefined)} />}
      <SignOutEverywhereModal opened={open === 'everywhere'} onClose={() => set(undefined)} />
    </>
  );
}

function ChangePasswordModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { form, errorOf, save, modal } = useModalForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (value) => (value === '' ? t('account.enterCurrent') : null),
      newPassword: (value) => passwordProblem(value),
      repeat: (value, all) =>
        value === '' ? t('account.enterAgain') : value !== all.newPassword ? t('account.doesNotMatch') : null,
    },
    save: ({ currentPassword, newPassword }) => post<void>('/api/auth/password', { currentPassword, newPassword }),
    invalidate: [keys.auditLog],
    fields: ['currentPassword', 'newPassword'],
    onSaved: () => {
      notifications.show({ color: 'teal', message: t('account.passwordChanged') });
      onClose();
    },
  });
  const current = form.getInputProps('currentPassword');
  return (
    <FormModal
      title={t('account.changePasswordTitle')}
      submitLabel={t('account.changePassword')}
      onClose={onClose}
      {...modal}
      testId="change-password-form"
    >
      <Text size="sm" c="dimmed">
        {t('account.otherSessionsEnd')}
      </Text>
      <PasswordInput
        label={t('account.currentPassword')}
        required
        data-autofocus
        autoComplete="current-password"
        {...current}
        onChange={(event) => {
          current.onChange(event);
          // The server's "not your current password" is about what was there before.
          if (save.error) save.reset();
        }}
        error={errorOf('currentPassword')}
      />
      <PasswordInput
        label={t('account.newPassword')}
        description={passwordRule()}
        required
        autoComplete="new-password"
        {...form.getInputProps('newPassword')}
        error={errorOf('newPassword')}
      />
      <PasswordInput
        label={t('account.newPasswordAgain')}
        required
        autoComplete="new-password"
        {...form.getInputProps('repeat')}
        error={errorOf('repeat')}
      />
    </FormModal>
  );
}

function SignOutEverywhereModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const signOut = useApiMutation(() => post<void>('/api/auth/logout-everywhere'), []);
  return (
    <ConfirmModal
      opened={opened}
      title={t('account.signOutEverywhere')}
      confirmLabel={t('account.signOutEverywhere')}
      loading={signOut.isPending}
      error={signOut.error}
      onClose={() => {
        signOut.reset();
        onClose();
      }}
      onConfirm={() =>
        signOut.mutate(undefined, {
          onSuccess: () => {
            onClose();
            queryClient.clear();
            navigate('/login', { replace: true });
          },
        })
      }
    >
      {t('account.signOutEverywhereText')}
    </ConfirmModal>
  );
}
