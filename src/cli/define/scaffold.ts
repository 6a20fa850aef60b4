import { Option, type Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const addKinds = ['function', 'api', 'route', 'table', 'queue', 'topic', 'subscription', 'bus', 'rule', 'schedule', 'workflow', 'pipe', 'connection', 'bucket', 'event'];

export function defineScaffoldCommands(program: Command): void {
  defineNew(program);
  defineAdd(program);
  defineRemove(program);
}

function defineNew(program: Command): void {
  program
    .command('new')
    .description('create a project from a starter (asks in a terminal; flags for scripts)')
    .argument('[dir]', 'folder to create the project in')
    .option('-t, --template <starter>', 'blank | api | order-pipeline | fan-out | scheduled')
    .addOption(new Option('--language <language>', "the functions' language (python: blank, api, order-pipeline)").choices(['typescript', 'python']))
    .option('--name <app>', 'app name (default: from the folder name)')
    .option('-y, --yes', 'take the defaults for everything not given')
    .option('--no-install', 'do not install dependencies')
    .option('--no-git', 'do not run git init')
    .addOption(new Option('--package-manager <pm>', 'package manager to install with').choices(['npm', 'pnpm', 'yarn']))
    .option('--force', 'write into a folder that is not empty (existing files are kept)')
    .addHelpText(
      'after',
      `
Examples:
  eda new                                   # asks for everything
  eda new shop --template order-pipeline --yes
  eda new shop --template api --language python --yes
  eda new api-demo -t api --no-install --no-git`,
    )
    .action(async (dir: string | undefined, opts) => {
      const { newCommand } = await import('../commands/new.js');
      process.exitCode = await newCommand(dir, opts);
    });
}

/** `eda add`: one command for every kind, its flags grouped by the kinds they apply to. */
function defineAdd(program: Command): void {
  program
    .command('add')
    .description('add a resource to app.yaml (keeping everything else as it is) and update template.yaml')
    .argument('<kind>', addKinds.join(' | '))
    .argument('[name]', 'its name (for a route: "METHOD /path"; for a subscription: the topic)')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('-y, --yes', 'do not ask; take defaults for what is not given')
    .option('--dry-run', 'print what would change and write nothing')
    // function
    .option('--trigger <spec>', 'function: http:"METHOD /path" | queue:<name> | topic:<name> | schedule:<expr> | stream:<table> | event:[<bus>:]<pattern json> | bucket:<name> (repeatable)', collect)
    .option('--uses <spec>', 'function: table:<name>[:read|write|readWrite] | bucket:<name>[:read|write|readWrite] | queue:<name> | topic:<name> | bus:<name> | workflow:<name> | function:<name> | secret:<id> (repeatable)', collect)
    .option('--handler <file>', 'function: handler file (default src/handlers/<name>.ts)')
    .option('--memory <mb>', 'function: memory in MB')
    .option('--timeout <seconds>', 'function: timeout in seconds')
    .addOption(new Option('--language <language>', "function: typescript | python (default: the app's runtime's language)").choices(['typescript', 'python']))
    .option('--env <KEY=VALUE>', 'function: an environment variable (repeatable)', collect)
    .option('--authorizer <api>', "function: make it a Lambda authorizer of this api (--type lambda on an http api; token or request on a rest api)")
    .option('--description <text>', 'a description (function, api, bus, rule, schedule, workflow)')
    // route
    .option('--function <name>', 'route: the function that serves it; subscription: subscribe this function; event: its producer')
    .option('--api <name>', 'route, function (its http triggers): which api (when there are several)')
    .option('--workflow <name>', 'route: start this workflow (a direct route; also --queue, --bus, --table)')
    .option('--table <name>', 'route: read or write this table (a direct route on a rest api)')
    .option('--message-group-id <value>', 'route to a FIFO queue: the request value that is the group, e.g. $request.header.x-group')
    .option('--source <value>', 'route to a bus, event: the event source; pipe: queue:<name> | table:<name> (its stream)')
    .option('--detail-type <text>', 'route to a bus, event: the event detail-type')
    .option('--schema <file>', "event: its detail's JSON Schema file (default: an inline object schema); queue, topic: its messages' JSON Schema file (message:)")
    .option('--sync', 'route to an express workflow: wait for the execution and answer with its output')
    .addOption(new Option('--action <action>', 'route to a table: what it does (default from the method)').choices(['put', 'get', 'query', 'delete']))
    // api
    .addOption(new Option('--type <type>', 'api: http | rest; workflow: standard | express; function --authorizer: lambda | token | request'))
    .option('--cors', 'api: allow cross-origin requests from anywhere')
    .addOption(new Option('--auth <type>', 'api: authorization (none | iam | jwt); connection: apiKey | basic | oauth').choices(['none', 'iam', 'jwt', 'apiKey', 'basic', 'oauth']))
    .option('--issuer <url>', 'api: JWT issuer (https://...)')
    .option('--audience <aud>', 'api: JWT audience (repeatable)', collect)
    // table
    .option('--partition-key <key>', 'table: partition key, name[:string|number|binary] (default id)')
    .option('--sort-key <key>', 'table: sort key, name[:string|number|binary]')
    .addOption(new Option('--stream <view>', 'table: turn on its stream').choices(['new', 'old', 'newAndOld', 'keys']))
    .option('--ttl <attribute>', 'table: attribute holding the expiry time (epoch seconds)')
    // queue / topic
    .option('--fifo', 'queue, topic: FIFO')
    .option('--dlq-max-receives <n>', 'queue: receives before a message moves to the DLQ (default 3)')
    .option('--no-dlq', 'queue: no dead-letter queue')
    .option('--visibility-timeout <seconds>', 'queue: visibility timeout')
    .option('--retention <duration>', 'queue: retention, seconds or 30s/15m/4h/4d')
    .option('--delay <seconds>', 'queue: delivery delay')
    // subscription
    .option('--queue <name>', 'subscription: deliver to this queue; route: send the body to this queue')
    .option('--email <address>', 'subscription: deliver by email')
    .option('--https <url>', 'subscription: deliver to this https endpoint')
    .option('--raw', 'subscription: raw message delivery')
    .option('--filter <json>', 'subscription: SNS filter policy, e.g. \'{"type":["placed"]}\'; pipe: event pattern')
    // bus
    .option('--archive <days>', 'bus: keep an archive of events for this many days (0 = forever)')
    // rule / schedule
    .option('--bus <name>', 'rule: the bus it listens on (default: the default bus); route: put the body on this bus; event: the bus it is put on')
    .option('--pattern <json>', 'rule: EventBridge event pattern, e.g. \'{"detail-type":["OrderPlaced"]}\'')
    .option('--expression <expr>', 'schedule: rate(5 minutes), cron(0 2 * * ? *) or at(2025-12-31T23:59:00); rule: rate(...) or cron(...) instead of --pattern')
    .option('--timezone <zone>', 'schedule: IANA time zone of cron() and at(), e.g. Europe/Paris')
    .option('--window <duration>', 'schedule: flexible time window, e.g. 15m')
    .option('--target <kind:name>', 'rule (repeatable), schedule (one): function:<name> | queue:<name> | topic:<name> | workflow:<name> | bus:<name>', collect)
    // bucket
    .option('--versioning', 'bucket: keep every version of every object')
    // workflow
    .option('--task <function>', 'workflow: a Task state invoking this function, in order (repeatable)', collect)
    .option('--definition <file>', 'workflow: an ASL file (.asl.json / .asl.yaml) instead of an inline definition')
    // pipe (also --target <kind:name>, --filter <pattern json>, --description)
    .option('--enrichment <kind:name>', 'pipe: function:<name> | workflow:<name> (express)')
    .option('--batch-size <n>', 'pipe: records per batch')
    // connection (also --auth apiKey|basic|oauth)
    .option('--secret <name>', 'connection: the Secrets Manager secret (name[:jsonKey] or ARN) holding the key, password or client secret')
    .option('--header <name>', 'connection: apiKey: the header carrying the key (default x-api-key)')
    .option('--username <name>', 'connection: basic: the user name')
    .option('--endpoint <url>', 'connection: oauth: the token endpoint (https://...)')
    .option('--client-id <id>', 'connection: oauth: the client ID')
    .addHelpText(
      'after',
      `
Examples:
  eda add queue refunds --fifo --dlq-max-receives 5
  eda add function refundWorker --trigger queue:refunds --uses table:orders:write
  eda add route "GET /orders/{id}" --function getOrder
  eda add route "POST /orders" --queue orders --api ingest
  eda add rule order-placed --bus orders --pattern '{"detail-type":["OrderPlaced"]}' --target workflow:process-order
  eda add schedule nightly --expression "cron(0 2 * * ? *)" --timezone Europe/Paris --target function:cleanup
  eda add rule hourly --expression "rate(1 hour)" --target function:poll
  eda add subscription order-events --queue audit --raw
  eda add pipe orders-to-fulfil --source queue:orders --enrichment function:enrich --target workflow:fulfil
  eda add connection webhook --auth apiKey --header x-api-key --secret webhook-key
  eda add bucket uploads --versioning`,
    )
    .action(async (kind: string, name: string | undefined, opts) => {
      const { addCommand } = await import('../commands/add.js');
      process.exitCode = await addCommand(kind, name, opts);
    });
}

function defineRemove(program: Command): void {
  program
    .command('remove')
    .description('remove a resource from app.yaml (refused while something still uses it)')
    .argument('<kind>', [...addKinds].join(' | '))
    .argument('<name>', 'its name (for a route: "METHOD /path"; for a subscription: the topic)')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--dry-run', 'print what would change and write nothing')
    .option('--api <name>', 'route: which api (when there are several)')
    .option('--queue <name>', 'subscription: the queue subscribed')
    .option('--email <address>', 'subscription: the email address subscribed')
    .option('--https <url>', 'subscription: the https endpoint subscribed')
    .option('--function <name>', 'subscription: the function subscribed (its topic trigger)')
    .action(async (kind: string, name: string, opts) => {
      const { removeCommand } = await import('../commands/remove.js');
      process.exitCode = await removeCommand(kind, name, opts);
    });
}
