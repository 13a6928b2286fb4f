import { Alert, Group, Input, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { keys, patch, post, useApiMutation } from '../api/queries';
import type { Role, SmsDelivery, User } from '../api/types';
import { FormModal } from '../common/form-modal';
import { fieldError } from '../common/page';
import { passwordProblem, passwordRule } from '../common/password';
import { NoMailServerWarning } from '../agents/no-mail-server';
import { roleLabel, useSession } from '../shell/session';
import { NewPasswordField } from './password-field';
import { ASSIGNABLE_ROLES } from '../../../contract/user-rules';
import { placementFor, type UserContext } from './user-roles';

interface Values {
  displayName: string;
  email: string;
  role: Role;
  /** How a new user gets their password: an e-mailed link to choose it, or one set here. */
  passwordBy: 'invite' | 'password';
  password: string;
  smsDelivery: SmsDelivery;
  capacity: number | string;
}

const FIELDS = ['displayName', 'email', 'role', 'invite', 'password', 'smsDelivery', 'capacity'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a user (`user` undefined) or changes one: name, e-mail, role and, for agents, delivery and capacity. */
export function UserFormModal({
  user,
  context,
  defaultRole,
  onClose,
}: {
  user: User | undefined;
  context: UserContext;
  defaultRole: Role;
  onClose(): void;
}) {
  const { me } = useSession();
  const { t } = useTranslation();
  const self = user?.id === me.id;
  const form = useForm<Values>({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      role: user?.role ?? defaultRole,
      passwordBy: me.emailConfigured ? 'invite' : 'password',
      password: '',
      smsDelivery: user?.smsDelivery ?? 'web',
      capacity: user?.capacity ?? 1,
    },
    validate: {
      displayName: (value) =>
        value.trim() === ''
          ? t('users.form.enterName')
          : value.length > 200
            ? t('agents.form.atMost', { max: 200 })
            : null,
      email: (value) => (EMAIL.test(value.trim()) ? null : t('agents.form.enterEmail')),
      password: (value, all) => (user || all.passwordBy === 'invite' ? null : passwordProblem(value)),
      capacity: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
          ? null
          : t('agents.form.capacityRange'),
    },
  });
  const values = form.getValues();
  const roles = ASSIGNABLE_ROLES[me.role].filter((role) => role === user?.role || placementFor(role, user, context));
  const placement = placementFor(values.role, user, context);
  const agent = values.role === 'agent';
  const roleChanged = user !== undefined && values.role !== user.role;

  const save = useApiMutation(
    (v: Values) => {
      const agentFields = v.role === 'agent' ? { smsDelivery: v.smsDelivery, capacity: Number(v.capacity) } : {};
      if (!user) {
        return post<User>('/api/users', {
          email: v.email.trim(),
          displayName: v.displayName.trim(),
          ...(v.passwordBy === 'invite' ? { invite: true } : { password: v.password }),
          role: v.role,
          ...placementFor(v.role, undefined, context)?.ids,
          ...agentFields,
        });
      }
      // Only what changed, so a stale form never overwrites someone else's edit of another field.
      const changes: Record<string, unknown> = {};
      if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
      if (v.email.trim() !== user.email) changes.email = v.email.trim();
      if (v.role !== user.role) Object.assign(changes, { role: v.role }, placementFor(v.role, user, context)?.ids);
      if (v.role === 'agent' && v.smsDelivery !== user.smsDelivery) changes.smsDelivery = v.smsDelivery;
      if (v.role === 'agent' && Number(v.capacity) !== user.capacity) changes.capacity = Number(v.capacity);
      return patch<User>(`/api/users/${user.id}`, changes);
    },
    [keys.users, keys.auditLog, ['agents']],
  );

  const errorOf = (field: (typeof FIELDS)[number]) => form.errors[field] ?? fieldError(save.error, field);

  return (
    <FormModal
      title={user ? t('users.form.editTitle', { name: user.displayName }) : t('users.newUser')}
      submitLabel={user ? t('users.form.saveChanges') : t('users.form.create')}
      onClose={onClose}
      loading={save.isPending}
      error={save.error}
      fields={FIELDS}
      testId="user-form"
      size="md"
      onSubmit={() => {
        if (form.validate().hasErrors) return;
        save.mutate(form.getValues(), {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              message: user
                ? t('users.form.saved', { name: saved.displayName })
                : values.passwordBy === 'invite'
                  ? t('users.form.invited', { name: saved.displayName, email: saved.email })
                  : t('users.form.canSignInAs', { name: saved.displayName, email: saved.email }),
            });
            onClose();
          },
        });
      }}
    >
      <TextInput
        label={t('agents.form.displayName')}
        required
        data-autofocus
        {...form.getInputProps('displayName')}
        error={errorOf('displayName')}
      />
      <TextInput
        label={t('users.email')}
        description={t('users.form.emailDescription')}
        required
        type="email"
        autoComplete="off"
        {...form.getInputProps('email')}
        error={errorOf('email')}
      />
      <Stack gap={6}>
        <Select
          label={t('users.role')}
          required
          allowDeselect={false}
          data={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
          disabled={self}
          description={self ? t('users.form.ownRole') : placement?.description}
          data-testid="user-role"
          {...form.getInputProps('role')}
          error={errorOf('role')}
        />
        {roleChanged && user.role === 'agent' && (
          <Alert color="yellow" variant="light" p="xs" icon={<TriangleAlert size={16} />}>
            <Text size="xs">{t('users.form.leavesGroups', { name: user.displayName })}</Text>
          </Alert>
        )}
        {roleChanged && (
          <Text size="xs" c="dimmed">
            {t('users.form.keysRevoked', { name: user.displayName })}
          </Text>
        )}
      </Stack>
      {!user && (
        <Input.Wrapper
          label={t('users.form.passwordBy')}
          description={
            values.passwordBy === 'invite'
              ? t('users.form.inviteDescription')
              : me.emailConfigured
                ? undefined
                : t('users.form.inviteNeedsMail')
          }
          error={errorOf('invite')}
        >
          <SegmentedControl
            fullWidth
            mt={4}
            aria-label={t('users.form.passwordBy')}
            data={[
              { value: 'invite', label: t('users.form.invite'), disabled: !me.emailConfigured },
              { value: 'password', label: t('users.form.setNow') },
            ]}
            {...form.getInputProps('passwordBy')}
          />
        </Input.Wrapper>
      )}
      {!user && values.passwordBy === 'password' && (
        <NewPasswordField
          label={t('agents.form.password')}
          description={t('agents.form.passwordDescription', { rule: passwordRule() })}
          required
          value={values.password}
          onChange={(value) => form.setFieldValue('password', value)}
          error={errorOf('password')}
        />
      )}
      {agent && (
        <Group grow align="flex-start">
          <Input.Wrapper
            label={t('agents.form.smsDelivery')}
            description={t('agents.form.smsDeliveryDescription')}
            error={errorOf('smsDelivery')}
          >
            <SegmentedControl
              fullWidth
              data={[
                { value: 'web', label: t('status.smsDelivery.web') },
                { value: 'email', label: t('status.smsDelivery.email') },
              ]}
              aria-label={t('agents.form.smsDelivery')}
              {...form.getInputProps('smsDelivery')}
            />
          </Input.Wrapper>
          <NumberInput
            label={t('agents.form.capacity')}
            description={t('agents.form.capacityDescription')}
            min={1}
            max={100}
            allowDecimal={false}
            {...form.getInputProps('capacity')}
            error={errorOf('capacity')}
          />
        </Group>
      )}
      {agent && values.smsDelivery === 'email' && !me.emailConfigured && (
        <NoMailServerWarning testId="user-no-mail-server" />
      )}
    </FormModal>
  );
}
