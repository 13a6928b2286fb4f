import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import {
  Ban,
  Building2,
  ChevronDown,
  ClipboardCheck,
  Coffee,
  Headset,
  Inbox,
  LogOut,
  MessageSquareQuote,
  MessageSquareText,
  Network,
  PlugZap,
  ScrollText,
  Send,
  Store,
  UserCog,
  UsersRound,
  Workflow,
} from 'lucide-react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { AccountDialogs, AccountMenuItems } from '../account/account-menu';
import { post } from '../api/http';
import { Logo } from './logo';
import { roleLabel, useSession } from './session';
import { apiDocsLink } from '../common/api-docs-link';

interface NavItem {
  to: string;
  label: ParseKeys;
  icon: typeof Inbox;
}

const NAV: NavItem[] = [
  { to: '/traffic', label: 'shell.nav.traffic', icon: MessageSquareText },
  { to: '/connectors', label: 'shell.nav.connectors', icon: PlugZap },
  { to: '/send-connectors', label: 'shell.nav.sendConnectors', icon: Send },
  { to: '/routing-applications', label: 'shell.nav.routingApplications', icon: Workflow },
  { to: '/acd-groups', label: 'shell.nav.acdGroups', icon: Headset },
  // Canned responses and wrap-up codes (issue 14).
  { to: '/canned-responses', label: 'shell.nav.cannedResponses', icon: MessageSquareQuote },
  { to: '/wrap-up-codes', label: 'shell.nav.wrapUpCodes', icon: ClipboardCheck },
  // Pause reasons (issue 16).
  { to: '/pause-reasons', label: 'pauseReasons.nav', icon: Coffee },
  // Opt-out (issue 15).
  { to: '/opt-outs', label: 'shell.nav.optOuts', icon: Ban },
  { to: '/agents', label: 'shell.nav.agents', icon: UsersRound },
];
/** Agents have the desk and nothing of the administration. */
const AGENT_NAV: NavItem[] = [{ to: '/desk', label: 'shell.nav.desk', icon: Inbox }];
/** Where an agent may go; anything else (the server answers 403 there) leads back to the desk. */
const AGENT_PATHS = ['/desk', '/api-keys'];

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.me.role === 'agent' && !AGENT_PATHS.some((path) => location.pathname.startsWith(path))) {
    return <Navigate to="/desk" replace />;
  }
  const admin: NavItem[] = [
    ...(session.multiClient ? [{ to: '/clients', label: 'shell.nav.clients' as const, icon: Building2 }] : []),
    ...(session.me.role === 'system_admin'
      ? [{ to: '/resellers', label: 'shell.nav.resellers' as const, icon: Store }]
      : []),
    ...(session.me.role !== 'agent'
      ? [
          { to: '/users', label: 'shell.nav.users' as const, icon: UserCog },
          { to: '/audit-log', label: 'shell.nav.auditLog' as const, icon: ScrollText },
        ]
      : []),
  ];

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 256, breakpoint: 0 }} padding={0}>
      <AppShell.Header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap={10} wrap="nowrap">
            <Logo size={26} />
            <Text fw={650} fz={15} c="white">
              Switchboard
            </Text>
            {session.multiClient ? (
              <ClientSwitcher />
            ) : (
              session.clientName && (
                <Text size="sm" c="gray.4" ml="md">
                  {session.clientName}
                </Text>
              )
            )}
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" className="app-navbar">
        <AppShell.Section grow component={ScrollArea}>
          <NavLinks items={session.me.role === 'agent' ? AGENT_NAV : NAV} />
          {admin.length > 0 && (
            <>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px={12} mt="lg" mb={6}>
                {t('shell.nav.administration')}
              </Text>
              <NavLinks items={admin} />
            </>
          )}
        </AppShell.Section>
        <AppShell.Section>
          <Group gap={6} px={12} py={8}>
            <Network size={14} color="var(--mantine-color-gray-5)" />
            <Text size="xs" c="dimmed">
              Switchboard ·{' '}
              <a {...apiDocsLink} className="muted-link">
                {t('shell.apiReference')}
              </a>
            </Text>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Box p="lg" maw={1440}>
          <Outlet />
        </Box>
        <AccountDialogs />
      </AppShell.Main>
    </AppShell>
  );
}

function ClientSwitcher() {
  const session = useSession();
  const { t } = useTranslation();
  return (
    <Select
      aria-label={t('shell.client')}
      data-testid="client-switcher"
      className="client-switcher"
      size="xs"
      w={240}
      ml="lg"
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('shell.noClientOfThatName')}
      placeholder={
        session.clientsLoading
          ? t('shell.loadingClients')
          : session.clients.length === 0
            ? t('shell.noClientsYet')
            : t('shell.chooseClient')
      }
      data={session.clients.map((client) => ({ value: client.id, label: client.name }))}
      value={session.clientId ?? null}
      onChange={(value) => value && session.selectClient(value)}
      leftSection={<Building2 size={14} />}
      comboboxProps={{ shadow: 'md' }}
    />
  );
}

function UserMenu() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const logout = async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      queryClient.clear();
      navigate('/login', { replace: true });
    }
  };
  const name = me.displayName || me.email;
  const initials = name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton className="user-button" data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="blue" variant="filled">
              {initials}
            </Avatar>
            <Box style={{ lineHeight: 1.15 }}>
              <Text size="sm" fw={500} c="white" truncate maw={200}>
                {name}
              </Text>
              <Text size="xs" c="gray.4">
                {roleLabel(me.role)}
                {me.client?.name ? ` · ${me.client.name}` : me.reseller?.name ? ` · ${me.reseller.name}` : ''}
              </Text>
            </Box>
            <ChevronDown size={14} color="var(--mantine-color-gray-4)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.signedInAs')}</Menu.Label>
        <Box px="sm" pb="xs">
          <Text size="sm" fw={500}>
            {me.email}
          </Text>
          <Badge size="xs" variant="light" mt={4}>
            {roleLabel(me.role)}
          </Badge>
        </Box>
        <Menu.Divider />
        <AccountMenuItems />
        <Menu.Divider />
        <Menu.Item leftSection={<LogOut size={15} />} onClick={() => void logout()} data-testid="logout">
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** A group of the navigation's links, the current page's marked. */
function NavLinks({ items }: { items: readonly NavItem[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Stack gap={2}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={t(item.label)}
          leftSection={<item.icon size={17} strokeWidth={1.8} />}
          active={location.pathname.startsWith(item.to)}
          className="nav-link"
        />
      ))}
    </Stack>
  );
}
