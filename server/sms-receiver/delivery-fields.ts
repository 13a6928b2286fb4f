import { deliveryFieldAliases, type DeliveryField } from '../../contract/sms-receiver';

export { deliveryFieldAliases, type DeliveryField };
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

/** The delivery field a parameter name stands for (any letter case), if any. */
export function deliveryFieldOf(name: string): DeliveryField | undefined {
  return fieldByAlias.get(name.toLowerCase());
}

const isSecret = (name: string) => deliveryFieldOf(name) === 'token';

/** The request's fields as they may be stored: everything that arrived except secrets. */
export function storableFields(sources: ReadonlyArray<ReadonlyMap<string, string>>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const source of [...sources].reverse()) {
    for (const [name, value] of source) {
      if (!isSecret(name)) raw[name] = value;
    }
  }
  return raw;
}

// A NUL cannot be stored in a PostgreSQL text (nor a \u0000 in jsonb), and a lone UTF-16
// surrogate is no character at all (JSON can carry one as \ud800). Neither is something a
// retry could fix.
const UNSTORABLE = /[\0\p{Surrogate}]/u;
const EVERY_UNSTORABLE = new RegExp(UNSTORABLE.source, 'gu');

/** Why `text` cannot be stored as it is, or undefined when it can. */
export function unstorableProblem(text: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL character (U+0000)';
  return UNSTORABLE.test(text) ? 'contains an unpaired surrogate (not valid Unicode)' : undefined;
}

/**
 * The first field that cannot be stored as it arrived (everything arriving is stored, see
 * `storableFields`), named as the delivery fields are, or as it arrived when it is none of them.
 */
export function findUnstorableField(
  sources: ReadonlyArray<ReadonlyMap<string, string>>,
): { field: string; problem: string } | undefined {
  for (const source of sources) {
    for (const [name, value] of source) {
      if (isSecret(name)) continue;
      const inName = unstorableProblem(name);
      if (inName) return { field: name.replace(EVERY_UNSTORABLE, '\ufffd'), problem: `name ${inName}` };
      const inValue = unstorableProblem(value);
      if (inValue) return { field: deliveryFieldOf(name) ?? name, problem: inValue };
    }
  }
  return undefined;
}
