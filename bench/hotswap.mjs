// Hot-swap benchmark, as a whole-process median against `node -e 0` measured in the same run:
// `eda deploy --hotswap` after one handler out of 20 changed, against a local emulator
// (moto) started here (target ≤ 1.5 s).
// Run alone: `node bench/hotswap.mjs` (after `npm run build`); bench/run.mjs calls benchHotswap().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startMoto } from './deploy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'eda.js');
const FUNCTIONS = 20;

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

function timed(args, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  return { ms, stdout: r.stdout };
}

const handler = (i, version) => `export const handler = async (event: unknown) => ({ fn: ${i}, version: ${JSON.stringify(version)}, event });\n`;

/** A project with 20 functions, each its own handler. */
function project() {
  const dir = mkdtempSync(path.join(tmpdir(), 'eda-bench-hotswap-'));
  mkdirSync(path.join(dir, 'src', 'handlers'), { recursive: true });
  const names = Array.from({ length: FUNCTIONS }, (_, i) => `fn${i}`);
  writeFileSync(path.join(dir, 'app.yaml'), ['name: hotbench', 'runtime: nodejs22.x', 'functions:', ...names.map((n) => `  ${n}: {}`), ''].join('\n'));
  names.forEach((n, i) => writeFileSync(path.join(dir, 'src', 'handlers', `${n}.ts`), handler(i, 'v0')));
  return dir;
}

export async function benchHotswap({ runs = Number(process.env.BENCH_RUNS ?? 7) } = {}) {
  const target = '≤ 1.5 s';
  const name = `eda deploy --hotswap, 1 of ${FUNCTIONS} handlers changed (whole process, local emulator)`;
  if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const baselineMs = median(Array.from({ length: runs }, () => timed(['-e', '0']).ms));
  const moto = await startMoto();
  if (!moto) return [{ name: `${name}: not measured (moto_server is not installed)`, medianMs: NaN, ratio: NaN, target }];
  const dir = project();
  try {
    const env = {
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    timed([bin, 'deploy', '--cwd', dir, '--yes'], env);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      writeFileSync(path.join(dir, 'src', 'handlers', 'fn7.ts'), handler(7, `v${i + 1}`));
      const { ms, stdout } = timed([bin, 'deploy', '--cwd', dir, '--hotswap'], env);
      if (!/hot-swapped 1 function;/.test(stdout)) throw new Error(`expected "hot-swapped 1 function", got: ${stdout}`);
      samples.push(ms);
    }
    const medianMs = median(samples);
    return [{ name, medianMs, baselineMs, ratio: medianMs / baselineMs, target, ok: medianMs <= 1500 }];
  } finally {
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchHotswap()) console.log(`${r.name}: ${r.medianMs.toFixed(0)} ms (${r.ratio.toFixed(1)}× node -e 0 at ${r.baselineMs?.toFixed(0)} ms), target ${r.target}: ${r.ok ? 'ok' : 'MISSED'}`);
}
