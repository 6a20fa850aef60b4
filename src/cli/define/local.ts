import type { Command } from 'commander';

// Owned by the local runtime work (eda dev / invoke / test-pattern).
export function defineLocalCommands(program: Command): void {
  program
    .command('dev')
    .description('run the whole app locally: APIs, queues, topics, rules, schedules, workflows, tables — with a live trace')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--port <n>', 'port of the first API (the next APIs take the following ports; 0: any free port)', '3000')
    .option('--services-port <n>', "port of the AWS API endpoints handlers' SDK calls reach (default: any free port)")
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--json', 'print the trace as one JSON object per line')
    .action(async (opts) => {
      const { devCommand } = await import('../commands/dev.js');
      process.exitCode = await devCommand(opts);
    });

  program
    .command('invoke')
    .description("run one function's handler once, locally (or the deployed function with --remote), and print its result")
    .argument('<function>', 'name of the function in app.yaml')
    .option('--event <file>', 'the event, JSON or YAML ("-" reads stdin)')
    .option('--sample [kind]', 'a realistic event of a kind that reaches the function (http, queue, topic, event, schedule, stream or workflow), or a declared event by name (OrderPlaced: its detail valid against its schema); alone: the first way app.yaml invokes it')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--json', 'print {ok, result | error, requestId, ms} as JSON')
    .option('--remote', "invoke the deployed function (the stage's stack) with Lambda Invoke: result, log tail, duration")
    .option('--async', 'with --remote: an Event invocation (Lambda answers 202 and runs it later)')
    .option('--region <region>', 'with --remote: AWS region (default: app.yaml region, AWS_REGION, or the profile)')
    .option('--profile <name>', 'with --remote: AWS profile from ~/.aws/config')
    .option('--endpoint-url <url>', 'with --remote: custom AWS endpoint (default: AWS_ENDPOINT_URL)')
    .action(async (name, opts) => {
      const { invokeCommand } = await import('../commands/invoke.js');
      process.exitCode = await invokeCommand(name, opts);
    });

  program
    .command('test')
    .description("run the project's tests (its vitest) with eda/testing's environment; other arguments go to vitest")
    .argument('[vitest-args...]', 'passed to vitest (a file filter, -t <name>, --reporter ...)')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--stage <name>', 'stage whose overrides apply in startApp (EDA_STAGE)')
    .option('--watch', 'rerun on changes (vitest watch)')
    .allowUnknownOption()
    .action(async (args: string[], opts) => {
      const { testCommand } = await import('../commands/test.js');
      process.exitCode = await testCommand(args, opts);
    });

  program
    .command('test-pattern')
    .description('check offline whether an event matches an EventBridge event pattern (AWS semantics)')
    .option('--pattern <file>', 'event pattern, JSON or YAML ("-" reads stdin)')
    .option('--event <file>', 'event, JSON or YAML ("-" reads stdin)')
    .option('--json', 'print {"matches": true|false} (or the problems) as JSON')
    .action(async (opts) => {
      const { testPatternCommand } = await import('../commands/test-pattern.js');
      process.exitCode = await testPatternCommand(opts);
    });
}
