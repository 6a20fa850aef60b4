import type { Command } from 'commander';

export function defineCoreCommands(program: Command): void {
  program
    .command('validate')
    .description('check app.yaml and report every problem with its position')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--json', 'print diagnostics as JSON')
    .action(async (opts) => {
      const { validateCommand } = await import('../commands/validate.js');
      process.exitCode = await validateCommand(opts);
    });

  program
    .command('synth')
    .description('compile app.yaml into template.yaml (AWS SAM) and typed handler stubs')
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--out <file>', 'where to write the template', 'template.yaml')
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--check', 'write nothing; exit 1 when generated files are stale')
    .option('--json', 'print a JSON summary instead of text')
    .action(async (opts) => {
      const { synthCommand } = await import('../commands/synth.js');
      process.exitCode = await synthCommand(opts);
    });

  program
    .command('graph')
    .description("draw the app's event flow: routes, functions, queues, topics, buses, rules, schedules, workflows, tables")
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--format <format>', 'mermaid | svg | html | dot | json (default: from --out, else mermaid)')
    .option('--out <file>', 'write to this file (relative to --cwd) instead of stdout')
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--readme', 'rewrite the mermaid diagram between <!-- eda:graph --> and <!-- /eda:graph --> in README.md')
    .option('--check-readme', "write nothing; exit 1 when README.md's diagram is stale")
    .option('--json', 'print the graph (or, with --out / --readme / --check-readme, the result) as JSON')
    .addHelpText(
      'after',
      `
Examples:
  eda graph                          # mermaid on stdout
  eda graph --out graph.svg          # an SVG, laid out without a browser
  eda graph --format html --out graph.html
  eda graph --readme                 # keep README.md's diagram current; --check-readme in CI`,
    )
    .action(async (opts) => {
      const { graphCommand } = await import('../commands/graph.js');
      process.exitCode = await graphCommand(opts);
    });

  program
    .command('export <target>')
    .description("describe the app for other tools: asyncapi (an AsyncAPI 3.0.0 document of its buses, topics, queues, events and who sends and receives them) or eventcatalog (an EventCatalog folder of its events, buses and the functions sending and receiving them)")
    .option('--cwd <dir>', 'project folder (holds app.yaml)', '.')
    .option('--out <path>', 'asyncapi: write to this file (relative to --cwd) instead of stdout; eventcatalog: the folder (default eventcatalog)')
    .option('--format <format>', 'asyncapi: yaml | json (default: from --out, else yaml)')
    .option('--stage <name>', 'stage whose overrides apply', 'dev')
    .option('--region <region>', "the servers' region (default: app.yaml's region, else us-east-1)")
    .option('--json', 'with --out, print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  eda export asyncapi                        # YAML on stdout
  eda export asyncapi --out asyncapi.json    # JSON, from the extension
  eda export eventcatalog --out catalog      # catalog/events, catalog/channels, catalog/services`,
    )
    .action(async (target, opts) => {
      const { exportCommand } = await import('../commands/export.js');
      process.exitCode = await exportCommand(target, opts);
    });
}
