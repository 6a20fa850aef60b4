// Typed handler stubs for Python functions (templates/handlers-python/<kind>.py.hbs), chosen as
// the TypeScript stubs are (stubKind): by the first trigger, or what invokes the function. A
// function with triggers of several kinds gets a stub typed with the Union of their events.
import path from 'node:path';
import { scaffoldFacets, stubTrigger } from '../../kinds/scaffold-registry.js';
import type { App, FunctionModel, UseModel } from '../../model/types.js';
import { consumedEventTypes } from '../event-types.js';
import { stubKind } from '../handlers.js';
import { template } from '../render.js';
import { pyIdentifier } from './names.js';

/** The event and result types of each stub kind (names in generated/lambda_types.py). */
const SHAPES: Record<string, [event: string, result: string]> = {
  http: ['APIGatewayProxyEventV2', 'APIGatewayProxyResultV2'],
  rest: ['APIGatewayProxyEvent', 'APIGatewayProxyResult'],
  queue: ['SQSEvent', 'SQSBatchResponse'],
  topic: ['SNSEvent', 'None'],
  event: ['EventBridgeEvent', 'None'],
  schedule: ['ScheduledEvent', 'None'],
  stream: ['DynamoDBStreamEvent', 'DynamoDBBatchResponse'],
  bucket: ['S3ObjectEvent', 'None'],
  websocket: ['APIGatewayWebSocketEvent', 'APIGatewayWebSocketResult'],
  'websocket-connect': ['APIGatewayWebSocketEvent', 'APIGatewayWebSocketResult'],
};

function stubTemplate(kind: string): HandlebarsTemplateDelegate {
  return template(`handlers-python/${kind}.py.hbs`, { strict: false, partials: { pyUses: 'handlers-python/uses.partial.hbs' } });
}

/** How a stub's comment shows a use: resources.tables.orders.name   (ORDERS_TABLE; write). */
function describeUse(u: UseModel): string {
  const key = pyIdentifier(u.name);
  const access = (a: string, what = '') => (a === 'readWrite' ? `read and write${what}` : `${a}${what}`);
  switch (u.kind) {
    case 'table':
      return `resources.tables.${key}.name   (${u.envVar}; ${access(u.access)})`;
    case 'queue':
      return `resources.queues.${key}.url   (${u.envVar}; send messages)`;
    case 'topic':
      return `resources.topics.${key}.arn   (${u.envVar}; publish)`;
    case 'bus':
      return `resources.buses.${key}.name   (${u.envVar}; put events)`;
    case 'workflow':
      return `resources.workflows.${key}.arn   (${u.envVar}; start executions)`;
    case 'function':
      return `resources.functions.${key}.name   (${u.envVar}; invoke)`;
    case 'bucket':
      return `resources.buckets.${key}.name   (${u.envVar}; ${access(u.access, ' objects')})`;
    case 'secret':
      return `resources.secrets.${key}.id   (${u.envVar}; GetSecretValue — never log the value)`;
    case 'api':
      return `resources.apis.${key}.endpoint   (${u.envVar}; apigatewaymanagementapi endpoint_url: post to connections)`;
  }
}

/** An event consumer's envelope types, when its rule delivers declared events (generated/resources.py defines them). */
function contract(fn: FunctionModel, app: App): { imports: string; types: string; union: boolean } | undefined {
  const types = consumedEventTypes(fn, app);
  if (!types.length) return undefined;
  return { imports: types.join(', '), types: types.length > 1 ? `Union[${types.join(', ')}]` : types[0]!, union: types.length > 1 };
}

/** The distinct stub kinds of a function's triggers, in order. */
function triggerKinds(fn: FunctionModel, app: App): string[] {
  return [...new Set(fn.triggers.map((t) => stubTrigger(t.type).template(t, app)))];
}

/** The stub of a Python function. */
export function pythonStub(fn: FunctionModel, app: App): string {
  const kinds = triggerKinds(fn, app);
  const multi = kinds.length > 1 && kinds.every((k) => SHAPES[k]);
  const kind = multi ? 'multi' : stubKind(fn, app);
  const sources = fn.triggers.map((t) => stubTrigger(t.type).source(t, app)).join(', ');
  const invokers = scaffoldFacets.flatMap((f) => f.invoker?.sources(fn, app) ?? []);
  const events = [...new Set(kinds.map((k) => SHAPES[k]?.[0]).filter(Boolean))] as string[];
  const results = [...new Set([...kinds.map((k) => SHAPES[k]?.[1]).filter((r) => r && r !== 'None'), 'None'])] as string[];
  const text = stubTemplate(kind)({
    title: fn.description ?? `Function ${fn.name}.`,
    routes: sources,
    sources: sources || invokers.join(', ') || 'nothing yet',
    uses: fn.uses.map(describeUse),
    imports: ['Context', ...events, ...results.filter((r) => r !== 'None')].filter((v, i, all) => all.indexOf(v) === i).sort().join(', '),
    events: events.join(', '),
    contract: contract(fn, app),
    results: results.join(', '),
  });
  // PEP 8: two blank lines before the top-level definitions, at most two anywhere.
  // The function Lambda calls is the handler's own name (module.function form: jobs.nightly.run → run).
  const named = text.replace(/^def handler\(/m, `def ${fn.handlerExport}(`);
  return named.replace(/^\n+/, '').replace(new RegExp(`\\n+(?=def ${fn.handlerExport}\\()`), '\n\n\n').replace(/\n{4,}/g, '\n\n\n');
}

/** The folders Python handlers import `generated` from: each Python function's code root. */
export function pythonCodeRoots(app: App): string[] {
  return [...new Set(app.functions.filter((f) => f.codeRoot !== undefined).map((f) => f.codeRoot!))].sort();
}

/** Where the generated package goes in a code root: src/generated, or generated at the top. */
export function generatedDir(codeRoot: string): string {
  return path.posix.join(codeRoot, 'generated');
}
