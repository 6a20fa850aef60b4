// eda bootstrap: create or update the artifacts bucket stack for an account and region.
import { EdaError } from '../errors.js';
import { realClock } from '../../deploy/api.js';
import { BOOTSTRAP_STACK, bucketFromStack, runBootstrap } from '../../deploy/bootstrap.js';
import { causesSection, connect, formatDuration, interruptible, output, type AwsFlags } from '../../deploy/cli.js';
import { ProgressRenderer } from '../../deploy/progress.js';

export interface BootstrapOptions extends AwsFlags {
  json?: boolean;
}

export async function bootstrapCommand(opts: BootstrapOptions): Promise<number> {
  const started = performance.now();
  const out = output(opts.json);
  const { paint } = out;
  const aws = await connect(opts);
  out.say(`${paint.bold(`Bootstrapping ${aws.region}`)} ${paint.dim(`(stack ${BOOTSTRAP_STACK}${aws.endpoint ? ` at ${aws.endpoint}` : ''})`)}`);
  const interrupt = interruptible();
  try {
    const outcome = await runBootstrap({
      aws,
      clock: realClock,
      signal: interrupt.signal,
      reporter: {
        info: (m) => out.say(paint.dim(`  ${m}`)),
        changeSet: () => {},
        confirm: async () => true,
        progress: (total, stackName) => new ProgressRenderer({ stackName, total, tty: out.tty, paint, write: out.write, columns: out.columns }),
      },
    });
    if (outcome.kind === 'failed') {
      for (const l of causesSection(outcome.causes, paint)) out.say(l);
      throw new EdaError(`Bootstrapping failed: stack ${BOOTSTRAP_STACK} is ${outcome.status}.`);
    }
    if (outcome.kind === 'detached') {
      out.say('Stopped watching; the bootstrap stack goes on being created.');
      return 130;
    }
    const stack = outcome.kind === 'change-set' ? undefined : (outcome.stack ?? (await aws.cfn.describeStack(BOOTSTRAP_STACK)));
    const bucket = bucketFromStack(stack ?? (await aws.cfn.describeStack(BOOTSTRAP_STACK)));
    const status = outcome.kind === 'no-changes' ? 'up-to-date' : 'deployed';
    if (opts.json) out.ui.out(JSON.stringify({ stack: BOOTSTRAP_STACK, region: aws.region, status, bucket }, null, 2));
    out.say(
      `${paint.green('✓')} ${status === 'up-to-date' ? 'Already bootstrapped' : 'Bootstrapped'}: artifacts bucket ${paint.bold(bucket ?? '?')} ${paint.dim(`(${formatDuration(performance.now() - started)})`)}`,
    );
    return 0;
  } finally {
    interrupt.dispose();
  }
}
