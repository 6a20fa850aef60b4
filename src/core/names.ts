// How user names become CloudFormation logical IDs and environment variable names.

/** The kinds of resource an app declares, each under its own section of app.yaml. */
export type Kind = 'function' | 'api' | 'table' | 'queue' | 'topic' | 'bus' | 'rule' | 'workflow' | 'pipe' | 'connection' | 'bucket' | 'schedule' | 'event';

/** order-events → OrderEvents; createOrder → CreateOrder. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** createOrder → CREATE_ORDER; order-events → ORDER_EVENTS. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .join('_')
    .toUpperCase();
}

const suffix: Record<Kind, string> = {
  function: 'Function',
  api: 'HttpApi',
  table: 'Table',
  queue: 'Queue',
  topic: 'Topic',
  bus: 'Bus',
  rule: 'Rule',
  workflow: 'StateMachine',
  pipe: 'Pipe',
  connection: 'Connection',
  bucket: 'Bucket',
  schedule: 'Schedule',
  event: 'Event',
};

export function logicalId(kind: Kind, name: string, apiType: 'http' | 'rest' | 'websocket' = 'http'): string {
  if (kind === 'api') return pascal(name) + (apiType === 'rest' ? 'RestApi' : apiType === 'websocket' ? 'WebSocketApi' : 'HttpApi');
  return pascal(name) + suffix[kind];
}

/** The environment variable a `uses` entry injects: ORDERS_TABLE_NAME, PAYMENTS_QUEUE_URL, ... */
export function useEnvVar(kind: Kind | 'secret', name: string): string {
  const base = screamingSnake(name);
  switch (kind) {
    case 'table':
      return `${base}_TABLE_NAME`;
    case 'queue':
      return `${base}_QUEUE_URL`;
    case 'topic':
      return `${base}_TOPIC_ARN`;
    case 'bus':
      return `${base}_BUS_NAME`;
    case 'workflow':
      return `${base}_WORKFLOW_ARN`;
    case 'function':
      return `${base}_FUNCTION_NAME`;
    case 'secret':
      return `${base}_SECRET_ARN`;
    case 'api':
      return `${base}_API_ENDPOINT`;
    case 'bucket':
      return `${base}_BUCKET_NAME`;
    default:
      return `${base}_${kind.toUpperCase()}`;
  }
}

/** The expression whose value a `uses` env var holds. */
export function useExpression(kind: Kind, name: string): string {
  switch (kind) {
    case 'table':
      return `\${tables.${name}.name}`;
    case 'queue':
      return `\${queues.${name}.url}`;
    case 'topic':
      return `\${topics.${name}.arn}`;
    case 'bus':
      return `\${buses.${name}.name}`;
    case 'workflow':
      return `\${workflows.${name}.arn}`;
    case 'function':
      return `\${functions.${name}.name}`;
    case 'bucket':
      return `\${buckets.${name}.name}`;
    default:
      throw new Error(`no expression for ${kind}`);
  }
}

/** The plural section name of a kind in app.yaml. */
export const sectionOf: Record<Kind, string> = {
  function: 'functions',
  api: 'apis',
  table: 'tables',
  queue: 'queues',
  topic: 'topics',
  bus: 'buses',
  rule: 'rules',
  workflow: 'workflows',
  pipe: 'pipes',
  connection: 'connections',
  bucket: 'buckets',
  schedule: 'schedules',
  event: 'events',
};
