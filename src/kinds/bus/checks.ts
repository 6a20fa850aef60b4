// Buses: `default` is the account's own bus and cannot be declared.
import type { CheckContext } from '../types.js';

export function checkBuses(c: CheckContext): void {
  if (c.m.buses && 'default' in c.m.buses) {
    c.add({ path: ['buses', 'default'], at: 'key', code: 'bus-default', message: `'default' is the account's default event bus and always exists`, hint: 'remove this entry; rules without bus: use the default bus' });
  }
}
