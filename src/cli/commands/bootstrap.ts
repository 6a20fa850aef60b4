// eda bootstrap: create, update or repair the artifacts bucket stack for an account and region.
import { realClock } from '../../deploy/api.js';
import { BOOTSTRAP_STACK, repairBootstrap } from '../../deploy/bootstrap.js';
import { connect, type AwsFlags } from '../../deploy/connect.js';
import { interruptible } from '../kit/interrupt.js';
import { createUi } from '../kit/output.js';
import { ProgressRenderer } from '../kit/progress.js';
import { formatDuration } from '../kit/tables.js';
import type { CommandDeps } from '../kit/prompts.js';

export interface BootstrapOptions extends AwsFlags {
  json?: boolean;
}

const HEADLINE = { created: 'Bootstrapped', 'up-to-date': 'Already bootstrapped', updated: 'Bootstrap updated', repaired: 'Repaired' } as const;

export async function bootstrapCommand(opts: BootstrapOptions, deps: CommandDeps = {}): Promise<number> {
  const started = performance.now();
  const ui = deps.ui ?? createUi({ json: opts.json });
  const { paint } = ui;
  const aws = await connect(opts);
  ui.say(`${paint.bold(`Bootstrapping ${aws.region}`)} ${paint.dim(`(stack ${BOOTSTRAP_STACK}${aws.endpoint ? ` at ${aws.endpoint}` : ''})`)}`);
  const interrupt = interruptible();
  try {
    const result = await repairBootstrap({
      aws,
      clock: realClock,
      signal: interrupt.signal,
      reporter: {
        info: (m) => ui.say(paint.dim(`  ${m}`)),
        changeSet: () => {},
        confirm: async () => true,
        progress: (total, stackName) => new ProgressRenderer({ stackName, total, tty: ui.tty, paint, write: ui.write, columns: ui.columns }),
      },
    });
    if (result.status === 'detached' || result.status === 'change-set') {
      ui.say('Stopped watching; the bootstrap stack goes on being set up.');
      return 130;
    }
    if (opts.json) ui.out(JSON.stringify({ stack: BOOTSTRAP_STACK, region: aws.region, status: result.status, bucket: result.bucket, repaired: result.repaired }, null, 2));
    const what = result.repaired ? `Repaired stack ${BOOTSTRAP_STACK} (${result.repaired})` : HEADLINE[result.status];
    ui.say(`${paint.green('✓')} ${what}: artifacts bucket ${paint.bold(result.bucket!)} ${paint.dim(`(${formatDuration(performance.now() - started)})`)}`);
    return 0;
  } finally {
    interrupt.dispose();
  }
}
