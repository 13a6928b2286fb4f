import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../server/http/api-error';
import { placementFor } from '../../../server/users/place-user';
import { userChangeActions } from '../../../server/users/user-change-actions';
import { targetAfterPatch } from '../../../server/connectors/connector-targets';

const none = { resellerId: null, clientId: null };
const resellerAdmin = { resellerId: 'r1', clientId: null };
const clientAdmin = { resellerId: null, clientId: 'c1' };

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldError) return error.toBody();
    throw error;
  }
  throw new Error('not refused');
}

describe('placementFor', () => {
  it('puts a system admin nowhere and refuses a reseller or client for them, naming it', () => {
    expect(placementFor(resellerAdmin, { role: 'system_admin' }, none)).toEqual({ reseller_id: null, client_id: null });
    expect(refusal(() => placementFor(none, { role: 'system_admin', clientId: 'c1' }, none))).toEqual({
      error: 'A system admin belongs to no reseller or client',
      field: 'clientId',
    });
    expect(refusal(() => placementFor(none, { role: 'system_admin', resellerId: 'r1' }, none)).field).toBe(
      'resellerId',
    );
  });

  it("puts a reseller admin in the named reseller, else the user's own, else the caller's", () => {
    expect(placementFor(resellerAdmin, { role: 'reseller_admin', resellerId: 'r2' }, none).reseller_id).toBe('r2');
    const fallback = { resellerId: 'r3', clientId: null };
    expect(placementFor(resellerAdmin, { role: 'reseller_admin' }, fallback).reseller_id).toBe('r3');
    expect(placementFor(resellerAdmin, { role: 'reseller_admin' }, none)).toEqual({
      reseller_id: 'r1',
      client_id: null,
    });
    expect(refusal(() => placementFor(none, { role: 'reseller_admin' }, none))).toEqual({
      error: 'resellerId: required for a reseller admin',
      field: 'resellerId',
    });
    expect(refusal(() => placementFor(none, { role: 'reseller_admin', clientId: 'c1' }, none)).field).toBe('clientId');
  });

  it("puts client users in the named client, else the user's own, else the caller's, never in a reseller", () => {
    expect(placementFor(clientAdmin, { role: 'agent' }, none)).toEqual({ reseller_id: null, client_id: 'c1' });
    expect(placementFor(clientAdmin, { role: 'agent', clientId: 'c2' }, none).client_id).toBe('c2');
    expect(refusal(() => placementFor(none, { role: 'client_admin' }, none))).toEqual({
      error: 'clientId: required',
      field: 'clientId',
    });
    expect(refusal(() => placementFor(none, { role: 'agent', resellerId: 'r1', clientId: 'c1' }, none))).toEqual({
      error: 'resellerId: not used for client users; give clientId',
      field: 'resellerId',
    });
  });
});

describe('userChangeActions', () => {
  const user = { role: 'agent', client_id: 'c1', reseller_id: null, active: true } as const;

  it('names a role change, a deactivation and a reactivation as such, and a new password apart', () => {
    expect(userChangeActions(user, { ...user, role: 'client_admin' }, { role: 'client_admin' })).toEqual([
      'update.role',
    ]);
    expect(userChangeActions(user, { ...user, active: false }, { active: false })).toEqual(['deactivate']);
    expect(userChangeActions({ ...user, active: false }, user, { active: true, password: 'x'.repeat(12) })).toEqual([
      'reactivate',
      'update.password',
    ]);
    expect(userChangeActions(user, user, { password: 'x'.repeat(12) })).toEqual(['update.password']);
  });

  it('is an update for other fields, and for a PATCH that changes nothing', () => {
    expect(userChangeActions(user, user, { displayName: 'A' })).toEqual(['update']);
    expect(userChangeActions(user, user, { active: true })).toEqual(['update']);
    expect(userChangeActions(user, user, {})).toEqual(['update']);
  });
});

describe('targetAfterPatch', () => {
  const direct = { routing_type: 'direct_acd_group', acd_group_id: 'g1', routing_application_id: null } as const;

  it('keeps the target when the routing type stays, and drops it when the type switches', () => {
    expect(targetAfterPatch(direct, {})).toEqual(direct);
    expect(targetAfterPatch(direct, { routingType: 'routing_application', routingApplicationId: 'a1' })).toEqual({
      routing_type: 'routing_application',
      acd_group_id: null,
      routing_application_id: 'a1',
    });
    expect(targetAfterPatch(direct, { acdGroupId: 'g2' }).acd_group_id).toBe('g2');
  });
});
