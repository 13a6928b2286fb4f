import type { Kysely, Selectable } from 'kysely';
import type { Database, SmsConnectorTable } from '../db/schema';
import { fieldError, reason } from '../http/api-error';

export type ConnectorTarget = Pick<SmsConnectorTable, 'routing_type' | 'acd_group_id' | 'routing_application_id'>;

/**
 * The target a PATCH leaves a connector with: switching the routing type drops the target of
 * the other type unless the body sets it.
 */
export function targetAfterPatch(
  existing: Pick<Selectable<SmsConnectorTable>, 'routing_type' | 'acd_group_id' | 'routing_application_id'>,
  body: {
    routingType?: ConnectorTarget['routing_type'] | undefined;
    acdGroupId?: string | null | undefined;
    routingApplicationId?: string | null | undefined;
  },
): ConnectorTarget {
  const routingType = body.routingType ?? existing.routing_type;
  const keep = routingType === existing.routing_type;
  return {
    routing_type: routingType,
    acd_group_id: body.acdGroupId !== undefined ? body.acdGroupId : keep ? existing.acd_group_id : null,
    routing_application_id:
      body.routingApplicationId !== undefined
        ? body.routingApplicationId
        : keep
          ? existing.routing_application_id
          : null,
  };
}

/** Checks that the targets belong to the connector's client and fit its routing type (400 naming the field). */
export async function checkConnectorTarget(
  db: Kysely<Database>,
  clientId: string,
  target: ConnectorTarget,
): Promise<void> {
  if (target.routing_type === 'direct_acd_group' && target.routing_application_id)
    throw fieldError('routingApplicationId', reason('onlyForApplication'));
  if (target.routing_type === 'routing_application' && target.acd_group_id)
    throw fieldError('acdGroupId', reason('onlyForDirectGroup'));
  if (target.acd_group_id && !(await clientHas(db, 'acd_group', target.acd_group_id, clientId)))
    throw fieldError('acdGroupId', reason('noAcdGroup'));
  if (
    target.routing_application_id &&
    !(await clientHas(db, 'routing_application', target.routing_application_id, clientId))
  )
    throw fieldError('routingApplicationId', reason('noRoutingApplication'));
}

/** Whether the client owns the group or application with this id. */
async function clientHas(
  db: Kysely<Database>,
  table: 'acd_group' | 'routing_application',
  id: string,
  clientId: string,
): Promise<boolean> {
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return found !== undefined;
}
