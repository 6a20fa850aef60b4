// The thin entry: defines the commands (cheap), lazily loads the one that runs,
// and maps errors to exit codes. Nothing else in eda calls process.exit.
import { Command, CommanderError } from 'commander';
import { defineCoreCommands } from './define/core.js';
import { defineScaffoldCommands } from './define/scaffold.js';
import { defineDeployCommands } from './define/deploy.js';
import { defineLocalCommands } from './define/local.js';
import { mark, timingEnabled, timingLines } from '../pipeline/timing.js';

mark('main');
if (timingEnabled) process.on('exit', () => process.stderr.write(`${timingLines().join('\n')}\n`));

// dist/ is minified; with --debug, stack traces point into src/ through the source maps.
if (process.argv.includes('--debug') || process.env.EDA_DEBUG === '1') process.setSourceMapsEnabled(true);

// A reader that goes away (eda ... | head) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const program = new Command('eda')
  .description('Event-driven serverless apps on AWS, from one app.yaml')
  .version(VERSION, '-v, --version')
  .option('--debug', 'print stack traces for unexpected errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

defineCoreCommands(program);
defineScaffoldCommands(program);
defineDeployCommands(program);
defineLocalCommands(program);

mark('commands defined');
/** Runs the command line; the exit code is left in process.exitCode. */
async function run(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its own message (help, version, or a usage error).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      const { reportError } = await import('./report.js');
      process.exitCode = await reportError(error, program.opts().debug === true);
    }
  }
}

void run();

declare const VERSION: string;
