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
}
