/**
 * The fields of a provider's delivery and the names they arrive under, first name first.
 * Names are matched without regard to case.
 */
export const deliveryFieldAliases = {
  receiver: ['receiver', 'ziel', 'system'],
  sender: ['sender', 'absender'],
  message: ['message', 'data', 'smstext'],
  keyword: ['keyword'],
  token: ['token'],
  messageId: ['messageId', 'id', 'msgid', 'MessageSid'],
} as const;

export type DeliveryField = keyof typeof deliveryFieldAliases;
export type DeliveryFields = Partial<Record<DeliveryField, string>>;

const fieldByAlias = new Map<string, DeliveryField>(
  Object.entries(deliveryFieldAliases).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias.toLowerCase(), field as DeliveryField] as const),
  ),
);
const aliasRank = new Map<string, number>(
  Object.values(deliveryFieldAliases).flatMap((aliases) => aliases.map((alias, rank) => [alias.toLowerCase(), rank])),
);

/**
 * Picks the delivery fields out of the parameter sources, in order of precedence (body before
 * query). Within one source the first alias in the table wins.
 */
export function pickDeliveryFields(sources: ReadonlyArray<ReadonlyMap<string, string>>): DeliveryFields {
  const picked: DeliveryFields = {};
  for (const source of sources) {
    const rankInSource = new Map<DeliveryField, number>();
    for (const [name, value] of source) {
      const lower = name.toLowerCase();
      const field = fieldByAlias.get(lower);
      if (!field || (picked[field] !== undefined && !rankInSource.has(field))) continue;
      const rank = aliasRank.get(lower)!;
      if (rankInSource.has(field) && rankInSource.get(field)! <= rank) continue;
      rankInSource.set(field, rank);
      picked[field] = value;
    }
  }
  return picked;
}

/** The request's fields as they may be stored: everything that arrived except secrets. */
export function storableFields(sources: ReadonlyArray<ReadonlyMap<string, string>>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const source of [...sources].reverse()) {
    for (const [name, value] of source) {
      if (name.toLowerCase() !== 'token') raw[name] = value;
    }
  }
  return raw;
}
