import { Menu, PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound, LockKeyhole, MonitorX } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { create } from 'zustand';
import { post } from '../api/http';
import { keys, useApiMutation } from '../api/queries';
import { ConfirmModal } from '../common/confirm';
import { FormModal } from '../common/form-modal';
import { fieldError } from '../common/page';
import { passwordProblem, PASSWORD_RULE } from '../common/password';

type AccountDialog = 'password' | 'everywhere' | undefined;

/** Which account dialog is open: the menu that opens it closes before the dialog shows. */
const useAccountDialog = create<{ open: AccountDialog; set(dialog: AccountDialog): void }>((set) => ({
  open: undefined,
  set: (open) => set({ open }),
}));

/** The signed-in user's own items of the user menu. */
export function AccountMenuItems() {
  const setDialog = useAccountDialog((state) => state.set);
  return (
    <>
      <Menu.Item
        leftSection={<LockKeyhole size={15} />}
        onClick={() => setDialog('password')}
        data-testid="change-password"
      >
        Change password
      </Menu.Item>
      <Menu.Item leftSection={<KeyRound size={15} />} component={Link} to="/api-keys">
        API keys
      </Menu.Item>
      <Menu.Item
        leftSection={<MonitorX size={15} />}
        onClick={() => setDialog('everywhere')}
        data-testid="logout-everywhere"
      >
        Sign out everywhere
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
  const change = useApiMutation(
    (body: { currentPassword: string; newPassword: string }) => post<void>('/api/auth/password', body),
    [keys.auditLog],
  );
  const problems = {
    current: current === '' ? 'Enter your current password' : null,
    next: next === '' && !submitted ? null : passwordProblem(next),
    repeat:
      repeat !== '' && repeat !== next
        ? 'Does not match the new password'
        : submitted && repeat === ''
          ? 'Enter it again'
          : null,
  };
  return (
    <FormModal
      title="Change your password"
      submitLabel="Change password"
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
                message: 'Password changed. You were signed out on every other device.',
              });
              onClose();
            },
          },
        );
      }}
    >
      <Text size="sm" c="dimmed">
        Your other sessions end; this one stays signed in. API keys keep working.
      </Text>
      <PasswordInput
        label="Current password"
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
        label="New password"
        description={PASSWORD_RULE}
        required
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.currentTarget.value)}
        error={problems.next ?? fieldError(change.error, 'newPassword')}
      />
      <PasswordInput
        label="New password again"
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
  const signOut = useApiMutation(() => post<void>('/api/auth/logout-everywhere'), []);
  return (
    <ConfirmModal
      opened={opened}
      title="Sign out everywhere"
      confirmLabel="Sign out everywhere"
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
      Every session of yours ends, on this and every other device and browser. Use it when you signed in on a computer
      you no longer use, or think someone else knows your password. API keys keep working; revoke them under API keys.
    </ConfirmModal>
  );
}
