// Benchmarks of eda/testing, in-process as a test uses it (dist/testing.js):
// - starting the order-pipeline starter for a test (bundle + local services), warm esbuild cache;
// - a poison message through 3 receives with a 5-minute visibility timeout into its DLQ;
// - a workflow with a 1-hour Wait state.
// Wall times exclude the app's start; ratios are against `node -e 0` measured in the same run.
// Runnable alone (`node bench/testing.mjs` after `npm run build`); bench/run.mjs imports benchTesting().
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'eda.js');
const RUNS = Number(process.env.BENCH_TESTING_RUNS ?? 5);

const APP = `name: timers
functions:
  consume:
    triggers:
      - queue: payments
queues:
  payments:
    visibilityTimeout: 300
    dlq: { maxReceives: 3 }
workflows:
  wait-an-hour:
    definition:
      StartAt: Wait
      States:
        Wait: { Type: Wait, Seconds: 3600, Next: Done }
        Done: { Type: Succeed }
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function nodeBaseline() {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** Links this checkout's packages (and eda) into a project, as `npm install` of a file: dependency would. */
function linkModules(dir) {
  mkdirSync(path.join(dir, 'node_modules'));
  for (const name of readdirSync(path.join(root, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  symlinkSync(root.replace(/\/$/, ''), path.join(dir, 'node_modules', 'eda'));
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchTesting() {
  const { startApp } = await import(pathToFileURL(path.join(root, 'dist', 'testing.js')).href);
  const work = mkdtempSync(path.join(tmpdir(), 'eda-bench-testing-'));
  try {
    const node = nodeBaseline();
    const rows = [];
    const row = (name, ms, target, ok) => rows.push({ name, medianMs: ms, ratio: ms / node, target, ok });

    // the order-pipeline starter, as eda new makes it
    const made = spawnSync(process.execPath, [bin, 'new', 'shop', '--template', 'order-pipeline', '--no-install', '--no-git'], { cwd: work, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    const shop = path.join(work, 'shop');
    linkModules(shop);
    const starts = [];
    for (let i = 0; i <= RUNS; i++) {
      let app;
      starts.push(await timed(async () => (app = await startApp({ cwd: shop }))));
      await app.stop();
    }
    row('eda/testing: startApp, order-pipeline, first (cold esbuild cache)', starts[0], '', undefined);
    const warm = median(starts.slice(1));
    row('eda/testing: startApp, order-pipeline, warm, in the same process', warm, '', undefined);
    // what a test file pays: a fresh process (vitest forks one per file) imports eda/testing and starts the app
    const script = `const t = performance.now(); const { startApp } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'testing.js')).href)}); const app = await startApp({ cwd: ${JSON.stringify(shop)} }); const ms = performance.now() - t; await app.stop(); console.log(ms);`;
    const fresh = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      fresh.push(Number(r.stdout.trim()));
    }
    const f = median(fresh);
    row('eda/testing: startApp, order-pipeline, warm esbuild cache, fresh process (import + start)', f, '≤ 1000 ms', f <= 1000);

    const timers = path.join(work, 'timers');
    mkdirSync(path.join(timers, 'src', 'handlers'), { recursive: true });
    writeFileSync(path.join(timers, 'app.yaml'), APP);
    writeFileSync(path.join(timers, 'src', 'handlers', 'consume.ts'), "export async function handler() {\n  throw new Error('poison');\n}\n");
    const app = await startApp({ cwd: timers });
    try {
      const poison = [];
      const waits = [];
      for (let i = 0; i <= RUNS; i++) {
        poison.push(
          await timed(async () => {
            await app.send('payments', `poison ${i}`);
            await app.settle();
          }),
        );
        if (app.queue('payments').dlq.messages.length !== i + 1) throw new Error('the poison message did not reach the DLQ');
        waits.push(
          await timed(async () => {
            await app.startWorkflow('wait-an-hour');
            await app.settle();
          }),
        );
      }
      if (app.workflow('wait-an-hour').executions.some((e) => e.status !== 'SUCCEEDED')) throw new Error('a workflow did not succeed');
      row('eda/testing: poison message, 3 receives × 5-min visibility → DLQ, first (worker cold start)', poison[0], '', undefined);
      const p = median(poison.slice(1));
      row('eda/testing: poison message, 3 receives × 5-min visibility → DLQ', p, '< 300 ms', p < 300);
      const w = median(waits.slice(1));
      row('eda/testing: workflow with a 1-hour Wait', w, '< 300 ms', w < 300);
    } finally {
      await app.stop();
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchTesting()) console.log(`${r.name.padEnd(92)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${r.ratio.toFixed(2)}× node  ${r.target} ${r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'}`);
}
