import type { Command } from 'commander';

// Owned by the local runtime work (eda dev / invoke / test-pattern).
export function defineLocalCommands(program: Command): void {
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
