import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditLogQuery } from '../../../contract/audit-log';
import type { deliveryLogQuery } from '../../../contract/delivery-log';
import type { smsListQuery } from '../../../contract/traffic';
import type { conversationListQuery, conversationWithThread } from '../../../contract/conversations';
import type { userListQuery } from '../../../contract/users';
import { del, get, getAll, patch, post, put, query, type Page } from './http';
import type { AcdGroupLive } from '../../../contract/acd-groups';
import type { AgentStatusChange, AgentView } from '../../../contract/agents';
import type {
  AcdGroup,
  Client,
  Connector,
  SendConnector,
  InboundSms,
  SmsDetail,
  ConversationListItem,
  Me,
  Reseller,
  RoutingApplication,
  VersionListItem,
  Version,
  User,
  ApiKey,
  AuditLogPage,
  DeliveryAttempt,
  DeliverySummary,
  CannedResponse,
  WrapUpCode,
} from './types';

export const keys = {
  me: ['me'] as const,
  resellers: ['resellers'] as const,
  clients: ['clients'] as const,
  acdGroups: (clientId: string) => ['acd-groups', clientId] as const,
  connectors: (clientId: string) => ['connectors', clientId] as const,
  sendConnectors: (clientId: string) => ['send-connectors', clientId] as const,
  applications: (clientId: string) => ['routing-applications', clientId] as const,
  application: (id: string) => ['routing-application', id] as const,
  draft: (id: string) => ['routing-application', id, 'draft'] as const,
  versions: (id: string) => ['routing-application', id, 'versions'] as const,
  version: (id: string, number: number) => ['routing-application', id, 'versions', number] as const,
  sms: (clientId: string, filters: SmsFilters) => ['sms', clientId, filters] as const,
  smsOne: (id: string) => ['sms-one', id] as const,
  conversations: (clientId: string, filters: ConversationFilters) => ['conversations', clientId, filters] as const,
  conversationOne: (id: string) => ['conversation-one', id] as const,
  agents: (clientId: string) => ['agents', clientId] as const,
  agentHistory: (id: string) => ['agent-history', id] as const,
  groupLive: (id: string) => ['acd-group-live', id] as const,
  users: ['users'] as const,
  userList: (filters: UserFilters) => ['users', filters] as const,
  apiKeys: ['api-keys'] as const,
  userApiKeys: (userId: string) => ['api-keys', 'of-user', userId] as const,
  auditLog: ['audit-log'] as const,
  auditPage: (filters: AuditFilters) => ['audit-log', filters] as const,
  deliveries: (connectorId: string, filters: DeliveryFilters) => ['deliveries', connectorId, filters] as const,
  deliverySummary: (connectorId: string) => ['delivery-summary', connectorId] as const,
  unmatchedDeliveries: (filters: DeliveryFilters) => ['deliveries', 'unmatched', filters] as const,
  // Canned responses and wrap-up codes (issue 14).
  cannedResponses: (clientId: string) => ['canned-responses', clientId] as const,
  wrapUpCodes: (clientId: string) => ['wrap-up-codes', clientId] as const,
};

// Canned responses and wrap-up codes (issue 14).
export const useCannedResponses = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.cannedResponses(clientId ?? ''),
    queryFn: () => getAll<CannedResponse>('/api/canned-responses', { clientId }),
    enabled: clientId !== undefined,
  });

export const useWrapUpCodes = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.wrapUpCodes(clientId ?? ''),
    queryFn: () => getAll<WrapUpCode>('/api/wrap-up-codes', { clientId }),
    enabled: clientId !== undefined,
  });

export const useAgents = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.agents(clientId ?? ''),
    queryFn: () => getAll<AgentView>('/api/agents', { clientId }),
    enabled: clientId !== undefined,
    refetchInterval: 5_000,
  });

export const useAgentHistory = (agentId: string | undefined) =>
  useQuery({
    queryKey: keys.agentHistory(agentId ?? ''),
    queryFn: () => get<{ items: AgentStatusChange[] }>(`/api/agents/${agentId}/status-history`),
    enabled: agentId !== undefined,
  });

export const useGroupLive = (groupId: string | undefined) =>
  useQuery({
    queryKey: keys.groupLive(groupId ?? ''),
    queryFn: () => get<AcdGroupLive>(`/api/acd-groups/${groupId}/live`),
    enabled: groupId !== undefined,
    refetchInterval: 2_000,
  });

export const useMe = () =>
  useQuery({ queryKey: keys.me, queryFn: () => get<Me>('/api/auth/me'), retry: false, staleTime: 60_000 });

export const useResellers = (enabled = true) =>
  useQuery({ queryKey: keys.resellers, queryFn: () => getAll<Reseller>('/api/resellers'), enabled });

export const useClients = (enabled = true) =>
  useQuery({ queryKey: keys.clients, queryFn: () => getAll<Client>('/api/clients'), enabled });

export const useAcdGroups = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.acdGroups(clientId ?? ''),
    queryFn: () => getAll<AcdGroup>('/api/acd-groups', { clientId }),
    enabled: clientId !== undefined,
  });

export const useConnectors = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.connectors(clientId ?? ''),
    queryFn: () => getAll<Connector>('/api/connectors', { clientId }),
    enabled: clientId !== undefined,
  });

export const useSendConnectors = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.sendConnectors(clientId ?? ''),
    queryFn: () => getAll<SendConnector>('/api/send-connectors', { clientId }),
    enabled: clientId !== undefined,
  });

export const useApplications = (clientId: string | undefined) =>
  useQuery({
    queryKey: keys.applications(clientId ?? ''),
    queryFn: () => getAll<RoutingApplication>('/api/routing-applications', { clientId }),
    enabled: clientId !== undefined,
  });

export const useApplication = (id: string) =>
  useQuery({
    queryKey: keys.application(id),
    queryFn: () => get<RoutingApplication>(`/api/routing-applications/${id}`),
  });

export const useVersions = (id: string | undefined) =>
  useQuery({
    queryKey: keys.versions(id ?? ''),
    queryFn: () => get<Page<VersionListItem>>(`/api/routing-applications/${id}/versions`).then((page) => page.items),
    enabled: id !== undefined,
  });

export const fetchVersion = (applicationId: string, number: number) =>
  get<Version>(`/api/routing-applications/${applicationId}/versions/${number}`);

/** The filters of the traffic list, as the contract's query takes them. */
export type SmsFilters = Pick<
  z.input<typeof smsListQuery>,
  'connectorId' | 'status' | 'from' | 'to' | 'sender' | 'text' | 'cursor'
>;

export const useSmsPage = (clientId: string | undefined, filters: SmsFilters) =>
  useQuery({
    queryKey: keys.sms(clientId ?? '', filters),
    queryFn: () => get<Page<InboundSms>>(`/api/sms${query({ clientId, limit: 50, ...filters })}`),
    enabled: clientId !== undefined,
    // Keeps the rows while the next page or filter loads, but never shows another client's.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === (clientId ?? '') ? previous : undefined,
    // The newest page follows new traffic by itself.
    refetchInterval: filters.cursor === undefined ? 10_000 : false,
  });

export const useSms = (id: string | undefined) =>
  useQuery({
    queryKey: keys.smsOne(id ?? ''),
    queryFn: () => get<SmsDetail>(`/api/sms/${id}`),
    enabled: id !== undefined,
  });

/** The filters of Traffic's conversation list, as the contract's query takes them. */
export type ConversationFilters = Pick<z.input<typeof conversationListQuery>, 'state' | 'customerNumber' | 'cursor'>;

export const useConversationPage = (clientId: string | undefined, filters: ConversationFilters) =>
  useQuery({
    queryKey: keys.conversations(clientId ?? '', filters),
    queryFn: () => get<Page<ConversationListItem>>(`/api/conversations${query({ clientId, limit: 50, ...filters })}`),
    enabled: clientId !== undefined,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === (clientId ?? '') ? previous : undefined,
    refetchInterval: filters.cursor === undefined ? 10_000 : false,
  });

export type ConversationWithThread = z.output<typeof conversationWithThread>;

export const useConversation = (id: string | undefined) =>
  useQuery({
    queryKey: keys.conversationOne(id ?? ''),
    queryFn: () => get<ConversationWithThread>(`/api/conversations/${id}`),
    enabled: id !== undefined,
    // Replies' delivery status moves on by itself.
    refetchInterval: 10_000,
  });

/** A mutation that refreshes the given lists when it succeeds. */
export function useApiMutation<TVariables, TResult>(
  run: (variables: TVariables) => Promise<TResult>,
  invalidate: readonly (readonly unknown[])[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export { del, patch, post, put };

export type UserFilters = Pick<z.input<typeof userListQuery>, 'clientId' | 'resellerId' | 'role' | 'active'>;

/** The users of one scope (a client, a reseller's admins, the system admins), whole: the table sorts and pages them. */
export const useUsers = (filters: UserFilters | undefined) =>
  useQuery({
    queryKey: keys.userList(filters ?? {}),
    queryFn: () => getAll<User>('/api/users', { ...filters }),
    enabled: filters !== undefined,
    // Keeps the rows while a filter changes, but never shows another client's or level's users.
    placeholderData: (previous, previousQuery) => {
      const before = previousQuery?.queryKey[1] as UserFilters | undefined;
      return before?.clientId === filters?.clientId && before?.resellerId === filters?.resellerId
        ? previous
        : undefined;
    },
  });

export const useApiKeys = () =>
  useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => get<Page<ApiKey>>('/api/api-keys').then((page) => page.items),
  });

/** The keys of a user the signed-in admin manages. */
export const useUserApiKeys = (userId: string | undefined) =>
  useQuery({
    queryKey: keys.userApiKeys(userId ?? ''),
    queryFn: () => get<Page<ApiKey>>(`/api/users/${userId}/api-keys`).then((page) => page.items),
    enabled: userId !== undefined,
  });

export type AuditFilters = Omit<z.input<typeof auditLogQuery>, 'limit'>;

/** One page of the audit log, newest first; the previous page stays while the next one loads. */
export const useAuditLog = (filters: AuditFilters) =>
  useQuery({
    queryKey: keys.auditPage(filters),
    queryFn: () => get<AuditLogPage>(`/api/audit-log${query({ limit: 50, ...filters })}`),
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[1] as AuditFilters | undefined)?.clientId === filters.clientId ? previous : undefined,
  });

/** The filters of a delivery log, as the contract's query takes them. */
export type DeliveryFilters = Omit<z.input<typeof deliveryLogQuery>, 'limit'>;

/** One page of a connector's delivery log, newest first; the previous page stays while the next one loads. */
export const useDeliveries = (connectorId: string | undefined, filters: DeliveryFilters) =>
  useQuery({
    queryKey: keys.deliveries(connectorId ?? '', filters),
    queryFn: () =>
      get<Page<DeliveryAttempt>>(`/api/connectors/${connectorId}/deliveries${query({ limit: 50, ...filters })}`),
    enabled: connectorId !== undefined,
    // Never another connector's rows while this one's load.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === (connectorId ?? '') ? previous : undefined,
  });

/** When a connector last received an SMS, and its requests of the last 24 hours per status. */
export const useDeliverySummary = (connectorId: string | undefined) =>
  useQuery({
    queryKey: keys.deliverySummary(connectorId ?? ''),
    queryFn: () => get<DeliverySummary>(`/api/connectors/${connectorId}/delivery-summary`),
    enabled: connectorId !== undefined,
    refetchInterval: 30_000,
  });

/** The requests no connector took (system admins only), newest first. */
export const useUnmatchedDeliveries = (filters: DeliveryFilters) =>
  useQuery({
    queryKey: keys.unmatchedDeliveries(filters),
    queryFn: () => get<Page<DeliveryAttempt>>(`/api/delivery-log/unmatched${query({ limit: 50, ...filters })}`),
    placeholderData: (previous) => previous,
    // A log: opened again, it shows what arrived meanwhile.
    refetchOnMount: 'always',
  });
