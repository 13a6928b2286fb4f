import { Alert, PasswordInput, SegmentedControl, Input, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../contract/agents';
import { ASSIGNABLE_ROLES } from '../../../contract/user-rules';
import { get } from '../api/http';
import { keys, patch, post } from '../api/queries';
import type { Role, User } from '../api/types';
import { FormModal, useModalForm } from '../common/form-modal';
import { passwordProblem, passwordRule } from '../common/password';
import { priorityProblem, type PriorityEntry } from '../common/priority-list';
import { requiredTextProblem } from '../common/validation';
import { roleLabel, useSession } from '../shell/session';
import { AgentFields, capacityFits, membershipsChanged, saveAgentGroups, type AgentValues } from './agent-fields';
import { NewPasswordField } from './password-field';
import { placementFor, type UserContext } from './user-roles';

/** A user as the form changes them: one of the users page, or an agent of the agents page. */
export type EditedUser = Pick<
  User,
  'id' | 'displayName' | 'email' | 'role' | 'resellerId' | 'clientId' | 'smsDelivery' | 'capacity'
>;

/** An agent's ACD group memberships as the API shows them. */
type Memberships = AgentView['groups'];

interface Values extends AgentValues {
  displayName: string;
  email: string;
  role: Role;
  /** How a new user gets their password: an e-mailed link to choose it, or one set here. */
  passwordBy: 'invite' | 'password';
  /** A new user's password, or (where the form takes one) a new one; empty keeps it. */
  password: string;
}

const FIELDS = ['displayName', 'email', 'role', 'invite', 'password', 'smsDelivery', 'capacity'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  /** The user to change; undefined creates one. */
  user: EditedUser | undefined;
  /** An agent's ACD groups when the page has them; read here otherwise. */
  groups?: Memberships;
  context: UserContext;
  /** The role a new user gets unless another is chosen. */
  defaultRole: Role;
  /**
   * The page lists users of `defaultRole` only (the agents page): no role is chosen, the words
   * name that role, and editing also takes a new password (that page has no password reset).
   */
  roleFixed?: boolean;
  onClose(): void;
}

/**
 * Creates a user (`user` undefined) or changes one: name, e-mail, role and, for an agent, SMS
 * delivery, capacity and ACD groups. The one form of the users page and the agents page.
 */
export function UserFormModal(props: Props) {
  const { user, groups } = props;
  // Memberships live with the agent's view; a page without them has them read once.
  const needsGroups = user?.role === 'agent' && groups === undefined;
  const agent = useQuery({
    queryKey: [...keys.agents(user?.clientId ?? ''), user?.id],
    queryFn: () => get<AgentView>(`/api/agents/${user?.id}`),
    enabled: needsGroups,
  });
  if (needsGroups && agent.isPending) return null;
  return <UserForm {...props} groups={groups ?? (needsGroups ? agent.data?.groups : [])} />;
}

/** `groups` undefined: the agent's memberships could not be read, so the form shows and saves none. */
function UserForm({ user, groups, context, defaultRole, roleFixed = false, onClose }: Props) {
  const { me } = useSession();
  const { t } = useTranslation();
  const self = user?.id === me.id;
  const before: PriorityEntry[] = (groups ?? []).map((g) => ({ id: g.acdGroupId, priority: g.priority }));
  const words = roleFixed ? AGENT_WORDS : USER_WORDS;
  const { form, errorOf, modal } = useModalForm<Values, { saved: { id: string }; groupsProblem?: string }>({
    initialValues: {
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      role: user?.role ?? defaultRole,
      passwordBy: me.emailConfigured ? 'invite' : 'password',
      password: '',
      smsDelivery: user?.smsDelivery ?? 'web',
      capacity: user?.capacity ?? 1,
      groups: before,
    },
    validate: {
      displayName: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('users.form.enterName'),
          tooLong: t('agents.form.atMost', { max: 200 }),
        }),
      email: (value) => (EMAIL.test(value.trim()) ? null : t('agents.form.enterEmail')),
      password: (value, all) =>
        user
          ? value === ''
            ? null
            : passwordProblem(value)
          : all.passwordBy === 'invite'
            ? null
            : passwordProblem(value),
      capacity: (value) => (capacityFits(value) ? null : t('agents.form.capacityRange')),
      groups: { priority: (value, all) => (all.role === 'agent' ? priorityProblem(value) : null) },
    },
    save: async (v) => {
      const saved = user ? await saveChanges(user, v, context) : await create(v, context);
      if (groupsClient(v.role) === undefined || !membershipsChanged(before, v.groups)) return { saved };
      try {
        await saveAgentGroups(saved.id, v.groups);
        return { saved };
      } catch (error) {
        return { saved, groupsProblem: (error as Error).message };
      }
    },
    invalidate: [keys.users, keys.auditLog, ['agents'], ['acd-groups'], ['acd-group-live']],
    fields: FIELDS,
    onSaved: ({ groupsProblem }, submitted) => {
      const name = submitted.displayName.trim();
      const email = submitted.email.trim();
      if (groupsProblem !== undefined) {
        notifications.show({
          color: 'red',
          title: user ? t('agents.form.groupsNotSaved') : t('agents.form.createdGroupsNotSaved', { name }),
          message: groupsProblem,
          autoClose: false,
        });
      } else {
        notifications.show({
          color: 'teal',
          message: user
            ? t('users.form.saved', { name })
            : submitted.passwordBy === 'invite'
              ? t('users.form.invited', { name, email })
              : t('users.form.canSignInAs', { name, email }),
        });
      }
      onClose();
    },
  });
  const values = form.getValues();
  /** The client whose ACD groups the agent can be put in; undefined when the form has no groups to show. */
  function groupsClient(role: Role) {
    if (role !== 'agent' || groups === undefined) return undefined;
    return user?.clientId ?? placementFor(role, user, context)?.ids.clientId;
  }
  const roles = ASSIGNABLE_ROLES[me.role].filter((role) => role === user?.role || placementFor(role, user, context));
  const placement = placementFor(values.role, user, context);
  const agent = values.role === 'agent';
  const roleChanged = user !== undefined && values.role !== user.role;

  return (
    <FormModal
      title={user ? t('users.form.editTitle', { name: user.displayName }) : t(words.newTitle)}
      submitLabel={user ? t('users.form.saveChanges') : t(words.create)}
      onClose={onClose}
      {...modal}
      testId={`${words.testId}-form`}
      size={roleFixed || agent ? 'lg' : 'md'}
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
        description={agent ? t('agents.form.emailDescription') : t('users.form.emailDescription')}
        required
        type="email"
        autoComplete="off"
        {...form.getInputProps('email')}
        error={errorOf('email')}
      />
      {!roleFixed && (
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
      )}
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
      {user && roleFixed && (
        <PasswordInput
          label={t('agents.form.newPassword')}
          description={t('agents.form.keepEmpty')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          error={errorOf('password')}
        />
      )}
      {agent && (
        <AgentFields form={form} errorOf={errorOf} clientId={groupsClient(values.role)} testId={words.testId} />
      )}
    </FormModal>
  );
}

/** The words that differ between the agents page and the users page. */
const AGENT_WORDS = { newTitle: 'agents.newAgent', create: 'agents.form.create', testId: 'agent' } as const;
const USER_WORDS = { newTitle: 'users.newUser', create: 'users.form.create', testId: 'user' } as const;

function create(v: Values, context: UserContext) {
  return post<User>('/api/users', {
    email: v.email.trim(),
    displayName: v.displayName.trim(),
    ...(v.passwordBy === 'invite' ? { invite: true } : { password: v.password }),
    role: v.role,
    ...placementFor(v.role, undefined, context)?.ids,
    ...(v.role === 'agent' ? { smsDelivery: v.smsDelivery, capacity: Number(v.capacity) } : {}),
  });
}

/** Sends only what changed, so a stale form never overwrites someone else's edit of another field. */
async function saveChanges(user: EditedUser, v: Values, context: UserContext): Promise<{ id: string }> {
  const changes: Record<string, unknown> = {};
  if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
  if (v.email.trim() !== user.email) changes.email = v.email.trim();
  if (v.role !== user.role) Object.assign(changes, { role: v.role }, placementFor(v.role, user, context)?.ids);
  if (v.role === 'agent' && v.smsDelivery !== user.smsDelivery) changes.smsDelivery = v.smsDelivery;
  if (v.role === 'agent' && Number(v.capacity) !== user.capacity) changes.capacity = Number(v.capacity);
  if (v.password) changes.password = v.password;
  if (Object.keys(changes).length > 0) await patch(`/api/users/${user.id}`, changes);
  return user;
}
