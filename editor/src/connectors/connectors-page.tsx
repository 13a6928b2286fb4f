import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Ellipsis, KeyRound, Link2, Lock, LockOpen, Pencil, PlugZap, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { del, keys, useAcdGroups, useApiMutation, useApplications, useConnectors } from '../api/queries';
import type { Connector } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { CopyField } from '../common/copy-field';
import { DataTable } from '../common/data-table';
import { nameOf } from '../common/format';
import { EmptyState, ErrorAlert, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { ConnectorForm } from './connector-form';
import { ProviderUrlModal } from './provider-url-modal';
import { providerUrl } from './provider-url';

export function ConnectorsPage() {
  return <RequireClient>{(clientId) => <Connectors clientId={clientId} />}</RequireClient>;
}

function Connectors({ clientId }: { clientId: string }) {
  const { canEditConnectors } = useSession();
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const applications = useApplications(clientId);
  const [editing, setEditing] = useState<Connector | 'new' | undefined>();
  const [deleting, setDeleting] = useState<Connector | undefined>();
  const [urlOf, setUrlOf] = useState<Connector | undefined>();
  const [newToken, setNewToken] = useState<Connector | undefined>();
  // Tokens made while this page is open: the only time a URL with the token can be offered.
  const [madeTokens, setMadeTokens] = useState<Record<string, string>>({});
  const knownToken = (connector: Connector) => {
    const token = madeTokens[connector.id];
    // Made anew elsewhere since: the one remembered here no longer works.
    return token?.endsWith(connector.tokenHint) ? token : undefined;
  };
  const remove = useApiMutation((id: string) => del(`/api/connectors/${id}`), [keys.connectors(clientId)]);
  const targetName = (connector: Connector) =>
    (connector.routingType === 'direct_acd_group'
      ? nameOf(groups.data, connector.acdGroupId)
      : nameOf(applications.data, connector.routingApplicationId)) ?? '';
  const { sorted, sort, toggle } = useSorted(
    connectors.data,
    {
      name: (connector) => connector.name,
      recipient: (connector) => connector.recipient,
      requireToken: (connector) => (connector.requireToken ? 0 : 1),
      routingType: (connector) => connector.routingType,
      target: targetName,
    },
    { key: 'name', direction: 'asc' },
  );

  const target = (connector: Connector) => {
    if (connector.routingType === 'direct_acd_group') {
      const name = nameOf(groups.data, connector.acdGroupId);
      return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
    }
    const name = nameOf(applications.data, connector.routingApplicationId);
    return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
  };

  return (
    <>
      <PageHeader
        title="SMS receive connectors"
        description="A connector receives the SMS sent to one number and routes them directly to an ACD group or to a routing application."
        actions={
          canEditConnectors && (
            <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')} data-testid="new-connector">
              New connector
            </Button>
          )
        }
      />
      {!canEditConnectors && (
        <Alert variant="light" color="gray" mb="md" icon={<Lock size={16} />}>
          Connectors are set up by your reseller or system administrator. You can see them here; ask them to change one.
        </Alert>
      )}
      <ErrorAlert error={connectors.error} onRetry={() => void connectors.refetch()} />
      <DataTable minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Name
            </SortableTh>
            <SortableTh column="recipient" sort={sort} onSort={toggle} w={160}>
              Recipient
            </SortableTh>
            <Table.Th w={110}>Token</Table.Th>
            <SortableTh column="requireToken" sort={sort} onSort={toggle} w={140}>
              Require token
            </SortableTh>
            <SortableTh column="routingType" sort={sort} onSort={toggle} w={170}>
              Routing type
            </SortableTh>
            <SortableTh column="target" sort={sort} onSort={toggle}>
              Target
            </SortableTh>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        {connectors.isPending ? (
          <TableSkeleton columns={7} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((connector) => (
              <Table.Tr key={connector.id} data-testid="connector-row">
                <Table.Td fw={500}>{connector.name}</Table.Td>
                <Table.Td ff="monospace" fz={12.5}>
                  {connector.recipient}
                </Table.Td>
                <Table.Td ff="monospace" fz={12.5} c="dimmed">
                  …{connector.tokenHint}
                </Table.Td>
                <Table.Td>
                  {connector.requireToken ? (
                    <Badge variant="light" color="teal" leftSection={<Lock size={11} />}>
                      Required
                    </Badge>
                  ) : (
                    <Badge variant="light" color="gray" leftSection={<LockOpen size={11} />}>
                      Optional
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {connector.routingType === 'direct_acd_group' ? 'Direct ACD group' : 'Routing application'}
                </Table.Td>
                <Table.Td>{target(connector)}</Table.Td>
                <Table.Td ta="right">
                  <Menu position="bottom-end" shadow="md" width={220}>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${connector.name}`}>
                        <Ellipsis size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {canEditConnectors && (
                        <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(connector)}>
                          Edit
                        </Menu.Item>
                      )}
                      <Menu.Item leftSection={<Link2 size={14} />} onClick={() => setUrlOf(connector)}>
                        Provider URL
                      </Menu.Item>
                      {canEditConnectors && (
                        <>
                          <Menu.Divider />
                          <Menu.Item
                            color="red"
                            leftSection={<Trash2 size={14} />}
                            onClick={() => setDeleting(connector)}
                          >
                            Delete
                          </Menu.Item>
                        </>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {connectors.data?.length === 0 && (
        <EmptyState
          icon={PlugZap}
          title="No connectors yet"
          action={canEditConnectors ? <Button onClick={() => setEditing('new')}>Create a connector</Button> : undefined}
        >
          {canEditConnectors
            ? 'Create a connector for the number your SMS provider delivers to, then give the provider its URL and token.'
            : 'Your administrator has not set up a connector for this client yet.'}
        </EmptyState>
      )}

      {editing && (
        <ConnectorForm
          clientId={clientId}
          connector={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            if (saved.token) {
              setMadeTokens((tokens) => ({ ...tokens, [saved.id]: saved.token! }));
              setNewToken(saved);
            }
          }}
        />
      )}
      <TokenModal connector={newToken} onClose={() => setNewToken(undefined)} />
      <ProviderUrlModal
        connector={urlOf}
        token={urlOf && knownToken(urlOf)}
        canEdit={canEditConnectors}
        onClose={() => setUrlOf(undefined)}
      />
      <ConfirmModal
        opened={deleting !== undefined}
        title="Delete connector"
        confirmLabel="Delete connector"
        loading={remove.isPending}
        error={remove.error}
        errorTitle="The connector was not deleted"
        onClose={() => {
          remove.reset();
          setDeleting(undefined);
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `Connector “${deleting.name}” deleted` });
              setDeleting(undefined);
            },
          })
        }
      >
        SMS sent to <b>{deleting?.recipient}</b> will be refused (404) from now on. The SMS it already received stay in
        the traffic list. Delete “{deleting?.name}”?
      </ConfirmModal>
    </>
  );
}

function MissingTarget() {
  return (
    <Tooltip label="Providers get 502 until a target is chosen">
      <Badge color="orange" variant="light">
        Not configured
      </Badge>
    </Tooltip>
  );
}

function TokenModal({ connector, onClose }: { connector: Connector | undefined; onClose(): void }) {
  return (
    <Modal
      opened={connector !== undefined}
      onClose={onClose}
      title={
        <Group gap={8}>
          <KeyRound size={18} />
          <Text fw={600}>New token of {connector?.name}</Text>
        </Group>
      }
      size="lg"
      centered
      closeOnClickOutside={false}
    >
      {connector?.token && (
        <Stack>
          <Alert color="yellow" variant="light">
            Copy the token now: it is shown only this once. Any earlier token of this connector no longer works.
          </Alert>
          <CopyField label="Token" value={connector.token} testId="new-token" />
          <CopyField
            label="Provider URL with token"
            value={providerUrl(window.location.origin, connector.recipient, connector.token)}
            testId="provider-url-token"
          />
          <CopyField
            label="Provider URL without token (send the token as X-Switchboard-Token)"
            value={providerUrl(window.location.origin, connector.recipient)}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied the token</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
