import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, patch, useApiMutation } from '../api/queries';
import type { User } from '../api/types';
import { FormModal } from '../common/form-modal';
import { fieldError } from '../common/page';
import { passwordProblem, passwordRule } from '../common/password';
import { NewPasswordField } from './password-field';

/** An admin sets a new password for someone who lost theirs; their sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const reset = useApiMutation(
    (newPassword: string) => patch<User>(`/api/users/${user.id}`, { password: newPassword }),
    [keys.users, keys.auditLog],
  );
  const problem = touched ? passwordProblem(password) : null;
  return (
    <FormModal
      title={t('users.reset.title', { name: user.displayName })}
      submitLabel={t('users.reset.submit')}
      onClose={onClose}
      loading={reset.isPending}
      error={reset.error}
      fields={['password']}
      testId="reset-password-form"
      onSubmit={() => {
        setTouched(true);
        if (passwordProblem(password)) return;
        reset.mutate(password, {
          onSuccess: () => {
            notifications.show({
              color: 'teal',
              message: t('users.reset.done', { name: user.displayName }),
            });
            onClose();
          },
        });
      }}
    >
      <Text size="sm">{t('users.reset.text', { name: user.displayName, email: user.email })}</Text>
      <NewPasswordField
        label={t('users.reset.newPassword')}
        description={passwordRule()}
        required
        data-autofocus
        value={password}
        onChange={(value) => {
          setPassword(value);
          setTouched(true);
        }}
        error={problem ?? fieldError(reset.error, 'password')}
      />
    </FormModal>
  );
}
