import { Box, Menu, PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound, LockKeyhole, MonitorX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { create } from 'zustand';
import { post } from '../api/http';
import { keys, useApiMutation } from '../api/queries';
import { ConfirmModal } from '../common/confirm';
import { FormModal } from '../common/form-modal';
import { fieldError } from '../common/page';
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
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { t } = useTranslation();
  const change = useApiMutation(
    (body: { currentPassword: string; newPassword: string }) => post<void>('/api/auth/password', body),
    [keys.auditLog],
  );
  const problems = {
    current: current === '' ? t('account.enterCurrent') : null,
    next: next === '' && !submitted ? null : passwordProblem(next),
    repeat:
      repeat !== '' && repeat !== next
        ? t('account.doesNotMatch')
        : submitted && repeat === ''
          ? t('account.enterAgain')
          : null,
  };
  return (
    <FormModal
      title={t('account.changePasswordTitle')}
      submitLabel={t('account.changePassword')}
      onClose={onClose}
      loading={change.isPending}
      error={change.error}
      fields={['currentPassword', 'newPassword']}
      testId="change-password-form"
      onSubmit={() => {
        setSubmitted(true);
        if (problems.current || passwordProblem(next) || repeat !== next) return;
        change.mutate(
          { currentPassword: current, newPassword: next },
          {
            onSuccess: () => {
              notifications.show({
                color: 'teal',
                message: t('account.passwordChanged'),
              });
              onClose();
            },
          },
        );
      }}
    >
      <Text size="sm" c="dimmed">
        {t('account.otherSessionsEnd')}
      </Text>
      <PasswordInput
        label={t('account.currentPassword')}
        required
        data-autofocus
        autoComplete="current-password"
        value={current}
        onChange={(event) => {
          setCurrent(event.currentTarget.value);
          // The server's "not your current password" is about what was there before.
          if (change.error) change.reset();
        }}
        error={(submitted ? problems.current : null) ?? fieldError(change.error, 'currentPassword')}
      />
      <PasswordInput
        label={t('account.newPassword')}
        description={passwordRule()}
        required
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.currentTarget.value)}
        error={problems.next ?? fieldError(change.error, 'newPassword')}
      />
      <PasswordInput
        label={t('account.newPasswordAgain')}
        required
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => setRepeat(event.currentTarget.value)}
        error={problems.repeat}
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
