// Where synth's time goes: runs `eda synth` on the 5× reference app with EDA_TIMING=1, alternating
// with `node -e 0`, and prints the median of each step (ms since the previous mark), and the whole
// process against node's start-up in the same run. Usage: node bench/profile.mjs [runs] [eda bin]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { scaledApp } from './scale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 21);
const bin = path.resolve(process.argv[3] ?? path.join(root, 'bin', 'eda.js'));
const args = process.argv.slice(4).length ? process.argv.slice(4) : ['synth'];

const dir = mkdtempSync(path.join(tmpdir(), 'eda-profile-'));
writeFileSync(path.join(dir, 'app.yaml'), stringify(scaledApp(path.join(root, 'examples', 'order-pipeline', 'app.yaml'), 5), { aliasDuplicateObjects: false }));
cpSync(path.join(root, 'examples', 'order-pipeline', 'src'), path.join(dir, 'src'), { recursive: true });
spawnSync(process.execPath, [bin, 'synth'], { cwd: dir });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function wall(argv, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stderr: r.stderr };
}

const node = [];
const eda = [];
const steps = new Map();
for (let i = 0; i < runs; i++) {
  node.push(wall(['-e', '0']).ms);
  const r = wall([bin, ...args], { EDA_TIMING: '1' });
  eda.push(r.ms);
  let last = 0;
  for (const m of r.stderr.matchAll(/^eda-timing (.+) ([\d.]+) \+[\d.]+$/gm)) {
    const at = Number(m[2]);
    steps.set(m[1], [...(steps.get(m[1]) ?? []), at - last]);
    last = at;
  }
  steps.set('(exit)', [...(steps.get('(exit)') ?? []), r.ms - last]);
}
const base = median(node);
console.log(`node -e 0: ${base.toFixed(1)} ms; eda ${args.join(' ')} (5×): ${median(eda).toFixed(1)} ms = ${(median(eda) / base).toFixed(2)}× node`);
for (const [label, xs] of steps) console.log(`  ${label.padEnd(18)} ${median(xs).toFixed(1).padStart(6)} ms`);
console.log(`${runs} runs; medians (steps: time since the previous mark; the first includes Node's own start-up).`);
