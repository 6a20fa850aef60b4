// npm run bench: whole-process timings of the CLI against `node -e 0` measured in the same run
// (these machines are noisy: compare ratios, not milliseconds).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { scaledApp } from './scale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'eda.js');
const rss = path.join(root, 'bench', 'rss.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 15);

function time(args, cwd = root, allowFailure = false) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0 && !allowFailure) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function peakRssMiB(args, cwd) {
  const out = spawnSync(process.execPath, [rss, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }).stderr;
  return Number(/maxrss=(\d+)/.exec(out)?.[1] ?? 0) / 1024;
}

function project(n) {
  const dir = mkdtempSync(path.join(tmpdir(), `eda-bench-${n}x-`));
  const app = scaledApp(path.join(root, 'examples', 'order-pipeline', 'app.yaml'), n);
  writeFileSync(path.join(dir, 'app.yaml'), stringify(app, { aliasDuplicateObjects: false }));
  cpSync(path.join(root, 'examples', 'order-pipeline', 'src'), path.join(dir, 'src'), { recursive: true });
  return { dir, functions: Object.keys(app.functions).length };
}

const rows = [];
const baseline = time(['-e', '0']);
rows.push({ name: 'node -e 0 (baseline)', ms: baseline, ratio: 1, target: '' });
const help = time([bin, '--help']);
rows.push({ name: 'eda --help', ms: help, ratio: help / baseline, target: '≤ 2× node', ok: help / baseline <= 2 });

const synth = {};
for (const n of [1, 5, 20]) {
  const { dir, functions } = project(n);
  const first = spawnSync(process.execPath, [bin, 'synth'], { cwd: dir, encoding: 'utf8' });
  const overLimit = first.status !== 0 && /at most 500/.test(first.stderr);
  if (first.status !== 0 && !overLimit) throw new Error(first.stderr);
  const ms = time([bin, 'synth'], dir, overLimit);
  synth[n] = ms;
  const note = overLimit ? ' (certain to exceed the 500-resource stack limit: refused before compiling)' : '';
  rows.push({ name: `eda synth, ${n}× order-pipeline (${functions} functions)${note}`, ms, ratio: ms / baseline, target: n === 5 ? '≤ 175 ms' : '', ok: n === 5 ? ms <= 175 : undefined });
  if (n === 5) {
    const mib = peakRssMiB([bin, 'synth'], dir);
    rows.push({ name: 'eda synth, 5× peak memory', ms: NaN, mib, target: '≤ 100 MiB', ok: mib <= 100 });
  }
}
const perCopy1to5 = (synth[5] - synth[1]) / 4;
const perCopy5to20 = (synth[20] - synth[5]) / 15;
rows.push({ name: 'synth cost per extra copy, 1×→5× vs 5×→20×', ms: perCopy1to5, extra: `${perCopy1to5.toFixed(1)} ms vs ${perCopy5to20.toFixed(1)} ms`, target: 'linear', ok: perCopy5to20 <= perCopy1to5 * 1.5 + 2 });

for (const [file, fn] of [['manifest-size.mjs', 'benchManifestSize'], ['deploy.mjs', 'benchDeploy'], ['local.mjs', 'benchLocal'], ['asl.mjs', 'benchAsl'], ['testing.mjs', 'benchTesting'], ['hotswap.mjs', 'benchHotswap']]) {
  const p = path.join(root, 'bench', file);
  if (!existsSync(p)) continue;
  try {
    const mod = await import(p);
    for (const r of (await mod[fn]?.()) ?? []) rows.push({ name: r.name, ms: r.medianMs ?? r.value, ratio: r.ratio, unit: r.unit, target: r.target ?? '', ok: r.ok });
  } catch (error) {
    rows.push({ name: `${file}: not measured (${error.message.split('\n')[0]})`, ms: NaN, target: '' });
  }
}

const fmt = (r) => {
  const value = r.mib !== undefined ? `${r.mib.toFixed(1)} MiB` : r.extra ?? (Number.isFinite(r.ms) ? `${r.ms.toFixed(1)} ${r.unit ?? 'ms'}` : '');
  const ratio = r.ratio !== undefined && Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '';
  const verdict = r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  return [r.name, value, ratio, r.target, verdict];
};
const table = [['benchmark', 'median', 'vs node', 'target', ''], ...rows.map(fmt)];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const row of table) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());
console.log(`\n${runs} runs each; medians of whole processes on this machine (${process.version}).`);
