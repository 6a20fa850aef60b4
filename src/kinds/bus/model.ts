// Buses in the model: a custom event bus each, with an optional archive.
import { logicalId } from '../../core/names.js';
import type { ModelContext } from '../types.js';

export function modelBuses(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.buses ?? {})) {
    c.app.buses.push({ name, logicalId: logicalId('bus', name), description: spec.description, archiveDays: spec.archive, path: ['buses', name] });
  }
}
