import type { Command } from 'commander';

// Owned by the deploy work (eda deploy / diff / status / outputs / destroy / bootstrap).
// Definitions only: each action lazy-loads its command, so the AWS SDK and esbuild
// load only when one of these commands runs.

function appOptions(cmd: Command): Command {
  return cmd
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--stage <name>', 'stage to deploy; the stack is <app>-<stage>', 'dev');
}

/** --parameter Name=value, repeatable: the values of the template's parameters. */
function parameterOption(cmd: Command): Command {
  return cmd.option('--parameter <name=value>', "a value for one of app.yaml's parameters (repeatable)", (value: string, list: string[] = []) => [...list, value]);
}

function awsOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS region (default: app.yaml region, AWS_REGION, or the profile)')
    .option('--profile <name>', 'AWS profile from ~/.aws/config')
    .option('--endpoint-url <url>', 'custom AWS endpoint, e.g. a local emulator (default: AWS_ENDPOINT_URL)');
}

export function defineDeployCommands(program: Command): void {
  parameterOption(awsOptions(appOptions(program.command('deploy'))))
    .description('build, upload and deploy the app through a CloudFormation change set')
    .option('-y, --yes', 'deploy without asking for confirmation')
    .option('--no-execute', 'create and show the change set, but do not execute it')
    .option('--hotswap', "when only handler code or workflow definitions changed, update them directly, without a change set (the stack then differs from its template until the next full deploy); refused for production stages")
    .option('--express', 'CloudFormation express mode: finish when configuration is applied (default: stages.<stage>.deploy.express)')
    .option('--no-express', "standard mode even where app.yaml's stage asks for express")
    .option('--json', 'print the result as JSON (progress goes to stderr)')
    .action(async (opts) => {
      const { deployCommand } = await import('../commands/deploy.js');
      process.exitCode = await deployCommand(opts);
    });

  parameterOption(awsOptions(appOptions(program.command('diff'))))
    .description('show what deploying would change, resource by resource (IAM changes called out), and what drifted in the deployed stack')
    .option('--fail', 'exit 1 when there are differences (or drift)')
    .option('--no-drift', 'skip drift detection on the deployed stack (DetectStackDrift)')
    .option('--json', 'print the difference as JSON')
    .action(async (opts) => {
      const { diffCommand } = await import('../commands/diff.js');
      process.exitCode = await diffCommand(opts);
    });

  awsOptions(appOptions(program.command('status')))
    .description("show the stack's status; --watch follows an operation in progress")
    .option('--watch', 'follow the operation in progress until it ends')
    .option('--json', 'print the status as JSON')
    .action(async (opts) => {
      const { statusCommand } = await import('../commands/status.js');
      process.exitCode = await statusCommand(opts);
    });

  awsOptions(appOptions(program.command('outputs')))
    .description("print the deployed stack's outputs (API URLs, names)")
    .option('--json', 'print the outputs as a JSON object')
    .action(async (opts) => {
      const { outputsCommand } = await import('../commands/outputs.js');
      process.exitCode = await outputsCommand(opts);
    });

  awsOptions(appOptions(program.command('destroy')))
    .description('delete the stack (after confirmation) and list what was kept')
    .option('-y, --yes', 'delete without asking for confirmation')
    .option('--purge', 'also delete what the stack retains (tables, queues, buckets and their objects); refused for production stages')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const { destroyCommand } = await import('../commands/destroy.js');
      process.exitCode = await destroyCommand(opts);
    });

  awsOptions(appOptions(program.command('logs')))
    .description("print the deployed functions' and workflows' logs, interleaved by time; --follow tails them")
    .argument('[names...]', 'functions, workflows or APIs (access logs) from app.yaml; default: every function and workflow')
    .option('--since <when>', 'how far back: 30s, 10m, 2h, 1d, or an ISO date', '10m')
    .option('-f, --follow', 'keep polling for new events (Ctrl-C to stop)')
    .option('--filter <pattern>', 'a CloudWatch Logs filter pattern, e.g. ERROR or \'{ $.level = "ERROR" }\'')
    .option('--json', 'print one JSON object per event')
    .action(async (names: string[], opts) => {
      const { logsCommand } = await import('../commands/logs.js');
      process.exitCode = await logsCommand(names, opts);
    });

  awsOptions(appOptions(program.command('watch')))
    .description('rebuild and hot-swap handlers on save (app.yaml changes deploy through a change set), printing the logs of what changed; refused for production stages')
    .action(async (opts) => {
      const { watchCommand } = await import('../commands/watch.js');
      process.exitCode = await watchCommand(opts);
    });

  awsOptions(program.command('bootstrap'))
    .description('create or update the artifacts bucket stack (eda-bootstrap) for an account and region')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const { bootstrapCommand } = await import('../commands/bootstrap.js');
      process.exitCode = await bootstrapCommand(opts);
    });
}
