/** The inbound SMS as a workflow sees it (`{{sms.*}}` in templates, `sms.*` in a switch). */
export interface WorkflowSms {
  sender: string;
  receiver: string;
  text: string;
  keyword: string | null;
  connectorId: string | null;
  /** ISO 8601 UTC. */
  receivedAt: string;
}

export const SMS_FIELDS = ['sender', 'receiver', 'text', 'keyword', 'connectorId', 'receivedAt'] as const;
export type SmsField = (typeof SMS_FIELDS)[number];
