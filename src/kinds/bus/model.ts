// Buses in the model: a custom event bus each, with an optional archive, name and policy.
import { logicalId } from '../../core/names.js';
import type { BusPolicySpec } from '../../manifest/app.types.js';
import type { BusPolicyModel } from '../../model/types.js';
import type { ModelContext } from '../types.js';
import { parseValue } from '../../model/values.js';

export function modelBuses(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.buses ?? {})) {
    c.app.buses.push({ name, logicalId: logicalId('bus', name), description: spec.description, archiveDays: spec.archive, path: ['buses', name], physicalName: spec.name === undefined ? undefined : parseValue(spec.name), policy: busPolicy(spec.policy) });
  }
}

function busPolicy(spec: BusPolicySpec | undefined): BusPolicyModel | undefined {
  if (!spec) return undefined;
  return { allowAccounts: spec.allowAccounts ?? [], allowOrganization: spec.allowOrganization };
}
