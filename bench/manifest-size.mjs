// How loading grows with the size of app.yaml: `eda validate` on generated manifests of 1k, 8k
// and 32k queue entries (each far over the 500-resource stack limit, so each is refused — the
// cost measured is reading, checking and refusing). Loading must stay linear: the cost per
// entry at 32k may not exceed that at 8k by much. Run alone (node bench/manifest-size.mjs) or
// from bench/run.mjs. EDA_BIN points it at another build (to compare against a baseline).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = process.env.EDA_BIN ?? path.join(root, 'bin', 'eda.js');
const runs = Number(process.env.BENCH_RUNS_SIZE ?? 3);

function manifest(entries) {
  const dir = mkdtempSync(path.join(tmpdir(), `eda-size-${entries}-`));
  const lines = ['name: big', 'queues:'];
  for (let i = 0; i < entries; i++) lines.push(`  q${i}: { visibilityTimeout: 60 }`);
  writeFileSync(path.join(dir, 'app.yaml'), `${lines.join('\n')}\n`);
  return dir;
}

function median(args, cwd) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

export async function benchManifestSize() {
  const node = median(['-e', '0'], root);
  const rows = [];
  const ms = {};
  for (const entries of [1000, 8000, 32000]) {
    ms[entries] = median([bin, 'validate', '--cwd', manifest(entries)], root);
    rows.push({ name: `eda validate, ${entries} queue entries (refused: over 500 resources)`, medianMs: ms[entries], ratio: ms[entries] / node });
  }
  const per8 = (ms[8000] - ms[1000]) / 7000;
  const per32 = (ms[32000] - ms[8000]) / 24000;
  rows.push({ name: 'cost per entry, 1k→8k vs 8k→32k (linear: about equal)', value: per32 / per8, unit: '× (ratio)', target: '≤ 2', ok: per32 / per8 <= 2 });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await benchManifestSize()) console.log(`${r.name}: ${(r.medianMs ?? r.value).toFixed(2)} ${r.unit ?? 'ms'}${r.ratio ? ` (${r.ratio.toFixed(1)}× node -e 0)` : ''}`);
}
