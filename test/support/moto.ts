// Starts a local AWS emulator (moto_server, with the SAM transform patched in by
// moto_sam.py) on a free 127.0.0.1 port for end-to-end tests.
//
//   const moto = motoHarness();             // at module level
//   describe.skipIf(moto.skip)('...', () => {
//     beforeAll(moto.start); afterAll(moto.stop);
//     it('...', () => { moto.env ... });
//   });
//
// The tests are skipped only where `moto_server` is not installed, and the suite
// fails (instead of skipping) when the CI environment variable is set.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const WRAPPER = fileURLToPath(new URL('./moto_sam.py', import.meta.url));

export interface MotoHarness {
  /** True when moto_server is not installed (and CI is not set). */
  readonly skip: boolean;
  /** Why the tests are skipped, for the report. */
  readonly reason?: string;
  /** http://127.0.0.1:<port> once started. */
  readonly endpoint: string;
  /** Environment for clients and the CLI: endpoint, dummy credentials, us-east-1. */
  readonly env: Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Everything moto printed (for failure messages). */
  log(): string;
}

function onPath(command: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function motoHarness(): MotoHarness {
  const installed = onPath('moto_server');
  const ci = Boolean(process.env.CI);
  if (!installed && ci) {
    throw new Error('moto_server is not installed, and CI is set: the end-to-end deploy tests must run on CI.');
  }
  let child: ChildProcess | undefined;
  let output = '';
  let endpoint = '';
  const env: Record<string, string> = {};

  const harness: MotoHarness = {
    skip: !installed,
    reason: installed ? undefined : 'moto_server is not on PATH',
    get endpoint() {
      return endpoint;
    },
    env,
    log: () => output,
    async start() {
      const port = await freePort();
      endpoint = `http://127.0.0.1:${port}`;
      Object.assign(env, {
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SESSION_TOKEN: 'test',
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      });
      child = spawn('python3', [WRAPPER, '-H', '127.0.0.1', '-p', String(port)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env, PYTHONUNBUFFERED: '1' },
      });
      // Never outlive the test process, even if afterAll does not run.
      const started = child;
      process.once('exit', () => started.kill('SIGKILL'));
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      let exited: number | null | undefined;
      child.on('exit', (code) => (exited = code));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (exited !== undefined) throw new Error(`moto exited with code ${exited} before it was ready:\n${output}`);
        try {
          const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) {
          await harness.stop();
          throw new Error(`moto did not become ready within 60 s:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
        }, 5_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    },
  };
  return harness;
}
