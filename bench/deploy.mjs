// Deploy benchmarks, as whole-process medians against `node -e 0` measured in the same run:
//   - bundling and zipping 50 handlers (target ≤ 2 s)
//   - a no-op redeploy of examples/order-pipeline against the local emulator (target ≤ 1 s)
// Run alone: `node bench/deploy.mjs` (after `npm run build`); bench/run.mjs calls benchDeploy().
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'eda.js');
const example = path.join(root, 'examples', 'order-pipeline');

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(args, { runs, env = {}, check } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
    if (check) check(r.stdout);
  }
  return median(samples);
}

/** A project with n esbuild functions (the example's handlers, copied), and its SAM template. */
function bundlingProject(n) {
  const dir = mkdtempSync(path.join(tmpdir(), 'eda-bench-bundle-'));
  cpSync(path.join(example, 'src'), path.join(dir, 'src'), { recursive: true });
  const handlers = readdirSync(path.join(example, 'src', 'handlers')).filter((f) => f.endsWith('.ts'));
  const resources = {};
  for (let i = 0; i < n; i++) {
    const source = handlers[i % handlers.length];
    const name = `fn${i}`;
    // Each copy differs, so that no two bundles are deduplicated.
    const text = readFileSync(path.join(example, 'src', 'handlers', source), 'utf8') + `\nexport const benchCopy = ${i};\n`;
    writeFileSync(path.join(dir, 'src', 'handlers', `${name}.ts`), text);
    resources[`Fn${i}Function`] = {
      Type: 'AWS::Serverless::Function',
      Metadata: {
        BuildMethod: 'esbuild',
        BuildProperties: { EntryPoints: [`src/handlers/${name}.ts`], Format: 'esm', OutExtension: ['.js=.mjs'], Target: 'node22', Sourcemap: true, Minify: true, External: ['@aws-sdk/*'] },
      },
      Properties: { CodeUri: '.', Handler: `${name}.handler`, Runtime: 'nodejs22.x' },
    };
  }
  writeFileSync(path.join(dir, 'template.json'), JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: resources }));
  return dir;
}

/** A script that builds a project's assets with eda's build module, in its own process. */
async function bundlingChild(workDir) {
  const { build } = await import('esbuild');
  const out = path.join(workDir, 'build-child.mjs');
  await build({
    stdin: {
      contents: `
        import { readFileSync } from 'node:fs';
        import { buildAssets } from './src/deploy/build.ts';
        const dir = process.argv[2];
        const template = JSON.parse(readFileSync(dir + '/template.json', 'utf8'));
        const result = await buildAssets(template, { cwd: dir, cache: false });
        if (result.assets.length !== Object.keys(template.Resources).length) throw new Error('expected one asset per function');
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    // Dependencies load from the project's node_modules (the script sits inside the project), as the CLI's do.
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** moto (with the SAM transform) on a free loopback port; undefined when moto_server is not installed. */
export async function startMoto() {
  if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0) return undefined;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', [path.join(root, 'test', 'support', 'moto_sam.py'), '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('moto did not start');
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { endpoint, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

export async function benchDeploy({ runs = Number(process.env.BENCH_RUNS ?? 7) } = {}) {
  const rows = [];
  const baselineMs = time(['-e', '0'], { runs });
  const work = path.join(root, '.eda', 'bench');
  mkdirSync(work, { recursive: true });
  const temps = [];
  try {
    // 1. Bundling 50 handlers (esbuild in parallel, deterministic zips, hashes).
    const project = bundlingProject(50);
    temps.push(project);
    const child = await bundlingChild(work);
    time([child, project], { runs: 1 }); // warm the file cache
    const bundleMs = time([child, project], { runs });
    rows.push({ name: 'bundle + zip 50 handlers (whole process)', medianMs: bundleMs, baselineMs, ratio: bundleMs / baselineMs, target: '≤ 2 s', ok: bundleMs <= 2000 });

    // 2. A no-op redeploy against the local emulator.
    if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const moto = await startMoto();
    if (!moto) {
      rows.push({ name: 'no-op redeploy: not measured (moto_server is not installed)', medianMs: NaN, baselineMs, ratio: NaN, target: '≤ 1 s' });
    } else {
      try {
        const dir = mkdtempSync(path.join(tmpdir(), 'eda-bench-deploy-'));
        temps.push(dir);
        cpSync(example, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
        const env = {
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        };
        time([bin, 'deploy', '--cwd', dir, '--yes'], { runs: 1, env });
        const noopMs = time([bin, 'deploy', '--cwd', dir, '--yes'], {
          runs,
          env,
          check: (out) => {
            if (!/No changes/.test(out)) throw new Error(`expected "No changes", got: ${out}`);
          },
        });
        rows.push({ name: 'no-op redeploy, order-pipeline (whole process, local emulator)', medianMs: noopMs, baselineMs, ratio: noopMs / baselineMs, target: '≤ 1 s', ok: noopMs <= 1000 });
      } finally {
        await moto.stop();
      }
    }
  } finally {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
    try {
      rmdirSync(path.dirname(work)); // .eda/, when nothing else is in it
    } catch {
      // not empty, or already gone
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchDeploy();
  const baseline = rows[0]?.baselineMs;
  console.log(`node -e 0 (baseline): ${baseline?.toFixed(1)} ms`);
  for (const r of rows) {
    const value = Number.isFinite(r.medianMs) ? `${r.medianMs.toFixed(1)} ms (${r.ratio.toFixed(2)}× node)` : '';
    console.log(`${r.name}: ${value}  target ${r.target}${r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED'}`);
  }
}
