// The EventBridge API (JSON 1.1): PutEvents, plus ListEventBuses and ListRules for tools.
import type { Addresses } from '../addresses.js';
import type { EventBuses, PutEventsEntry } from '../bus.js';
import type { App } from '../../model/types.js';
import { eventEntrySize, LIMITS } from '../limits.js';
import { ApiError, jsonError, jsonResponse, type ApiRequest, type ApiResponse } from './protocol.js';

export interface EventsApiDeps {
  app: App;
  addresses: Addresses;
  buses: () => EventBuses;
}

const CT = 'application/x-amz-json-1.1';

export function handleEvents(deps: EventsApiDeps, req: ApiRequest): ApiResponse {
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.slice(target.indexOf('.') + 1);
  try {
    const p = req.body.length ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : {};
    switch (action) {
      case 'PutEvents': {
        const entries = (p.Entries as PutEventsEntry[] | undefined) ?? [];
        if (!entries.length || entries.length > 10) throw new ApiError('ValidationException', '1 validation error detected: Value at \'entries\' failed to satisfy constraint: Member must have length between 1 and 10');
        if (entries.reduce((n, e) => n + eventEntrySize(e), 0) > LIMITS.eventsRequestBytes) throw new ApiError('ValidationException', 'Total size of the entries in the request is over the limit.');
        return jsonResponse(deps.buses().putEvents(entries), CT);
      }
      case 'ListEventBuses':
        return jsonResponse(
          { EventBuses: [{ Name: 'default', Arn: deps.addresses.busArn('default') }, ...deps.app.buses.map((b) => ({ Name: deps.addresses.busName(b.name), Arn: deps.addresses.busArn(b.name) }))] },
          CT,
        );
      case 'ListRules':
        return jsonResponse(
          {
            Rules: deps.app.rules.map((r) => ({
              Name: `${deps.addresses.stackName}-${r.name}`,
              Arn: deps.addresses.ruleArn(r.name, r.bus),
              EventBusName: deps.addresses.busName(r.bus),
              State: r.enabled ? 'ENABLED' : 'DISABLED',
              ...(r.pattern ? { EventPattern: JSON.stringify(r.pattern) } : {}),
              ...(r.schedule ? { ScheduleExpression: r.schedule } : {}),
            })),
          },
          CT,
        );
      default:
        throw new ApiError('UnknownOperationException', `${action} is not supported by the local EventBridge`);
    }
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('InternalException', (error as Error).message, 500);
    return jsonError(e, 'com.amazonaws.events', CT);
  }
}
