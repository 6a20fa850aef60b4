// Two eda commands at once, an editor saving app.yaml mid-command, and a process killed while
// writing: never a lost update reported as done, never a missing app.yaml, and a state that
// `eda synth --check` reports and `eda synth` repairs.
import { existsSync, readdirSync, readFileSync, utimesSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lockProject } from '../../src/core/lock.js';
import { eda, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';
import { oddManifest, oddProject, snapshot } from '../scaffold/support/odd.js';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const temps = (dir: string) => Object.keys(snapshot(dir)).filter((f) => /\.eda-\d+-[0-9a-f]{8}\.(tmp|bak)$/.test(f));

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('concurrent eda commands on one project', { timeout: 240_000 }, () => {
  it('six adds at once: every one reported as added is in app.yaml, the others fail clearly', async () => {
    const dir = await oddProject();
    const names = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    const runs = await Promise.all([...names.map((q) => eda(['add', 'queue', q], { cwd: dir })), eda(['synth'], { cwd: dir })]);
    const queues = Object.keys(parse(read(dir, 'app.yaml')).queues ?? {});
    names.forEach((q, i) => {
      const run = runs[i]!;
      if (run.exitCode === 0) {
        expect(run.stdout).toContain(`Added queue ${q}`);
        expect(queues, `${q} was reported as added`).toContain(q);
      } else {
        expect(run.exitCode).toBe(1);
        expect(run.stdout).not.toContain('Added');
        expect(run.stderr).toMatch(/another eda command is changing this project|changed while eda was working on it/);
        expect(queues).not.toContain(q);
      }
    });
    expect(runs.filter((r) => r.exitCode === 0).length).toBeGreaterThan(0);
    expect(runs[names.length]!.exitCode, runs[names.length]!.stderr).toBe(0);
    // Whatever landed, the project is consistent and clean.
    const check = await eda(['synth', '--check'], { cwd: dir });
    expect(check.exitCode, check.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
    expect(existsSync(path.join(dir, '.eda', 'lock'))).toBe(false);
  });

  it('two eda new into one folder at once: one project, the other refused', async () => {
    const root = tempDir('eda-new-race-');
    const runs = await Promise.all(['api', 'blank'].map((t) => eda(['new', 'app', '--template', t, '--no-install', '--no-git'], { cwd: root })));
    expect(runs.map((r) => r.exitCode).sort()).toEqual([0, 1]);
    const loser = runs.find((r) => r.exitCode === 1)!;
    // Refused under the lock (or, when the other was already writing, before it).
    expect(loser.stderr).toMatch(/app already holds an app \(app\.yaml\)|app is not empty/);
    const winner = runs.indexOf(runs.find((r) => r.exitCode === 0)!);
    const dir = path.join(root, 'app');
    expect(read(dir, 'app.yaml')).toContain(['api', 'blank'][winner] === 'api' ? 'items' : 'hello');
    const check = await eda(['synth', '--check'], { cwd: dir });
    expect(check.exitCode, check.stderr).toBe(0);
  });

  it('while another command holds the lock, eda add waits, then refuses in one sentence and changes nothing', async () => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const release = await lockProject(dir);
    try {
      const run = await eda(['add', 'queue', 'jobs'], { cwd: dir, env: { EDA_LOCK_WAIT_MS: '800' } });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Waiting for another eda command in this project to finish');
      expect(run.stderr).toContain('another eda command is changing this project');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).not.toContain('Added');
      expect(snapshot(dir)).toEqual(before);
    } finally {
      await release();
    }
    const again = await eda(['add', 'queue', 'jobs'], { cwd: dir });
    expect(again.exitCode, again.stderr).toBe(0);
  });

  it('eda synth takes the lock only when it has something to write', async () => {
    const dir = await oddProject();
    const release = await lockProject(dir);
    try {
      const noop = await eda(['synth'], { cwd: dir, env: { EDA_LOCK_WAIT_MS: '500' } });
      expect(noop.exitCode, noop.stderr).toBe(0);
      writeFileSync(path.join(dir, 'app.yaml'), oddManifest.replace('topics: {}', 'topics: {news: {}}'));
      const blocked = await eda(['synth'], { cwd: dir, env: { EDA_LOCK_WAIT_MS: '500' } });
      expect(blocked.exitCode).toBe(1);
      expect(blocked.stderr).toContain('another eda command is changing this project');
    } finally {
      await release();
    }
    const run = await eda(['synth'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(read(dir, 'template.yaml')).toContain('NewsTopic');
  });

  it("a stale lock (its owner was killed) is taken over", async () => {
    const dir = await oddProject();
    mkdirSync(path.join(dir, '.eda', 'lock'), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, '.eda', 'lock'), old, old);
    const run = await eda(['add', 'queue', 'jobs'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(parse(read(dir, 'app.yaml')).queues.jobs).toEqual({});
  });

  it('app.yaml saved by another program mid-command: refused before it is replaced, the edit kept', async () => {
    const dir = await oddProject();
    const template = read(dir, 'template.yaml');
    const running = eda(['add', 'queue', 'jobs'], { cwd: dir, env: { EDA_TEST_PAUSE_BEFORE_WRITES: '4000' } });
    // Wait until the command has staged its files, then save app.yaml as an editor would.
    const start = Date.now();
    while (temps(dir).length === 0 && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(temps(dir).length).toBeGreaterThan(0);
    const edited = `${oddManifest}\n# saved from an editor\n`;
    writeFileSync(path.join(dir, 'app.yaml'), edited);
    const run = await running;
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('app.yaml changed while eda was working on it, so nothing was changed');
    expect(run.stdout).not.toContain('Added');
    expect(read(dir, 'app.yaml')).toBe(edited);
    expect(read(dir, 'template.yaml')).toBe(template);
    expect(temps(dir)).toEqual([]);
  });
});

describe('a process killed while writing', { timeout: 240_000 }, () => {
  // add function writes app.yaml, template.yaml, src/generated/resources.ts, the stub and its test, in that order.
  it.each([0, 1, 2, 4])('killed after %i renames: app.yaml is whole; synth --check reports the state, synth repairs it', async (n) => {
    const dir = await oddProject();
    const before = snapshot(dir);
    const killed = await eda(['add', 'function', 'worker', '--trigger', 'queue:payments', '--uses', 'table:orders'], { cwd: dir, env: { EDA_TEST_KILL_AFTER_WRITES: String(n) } });
    expect(killed.stdout).not.toContain('Added');
    const manifest = read(dir, 'app.yaml');
    // Never a missing or partial app.yaml: the old file, or the new one.
    if (n === 0) expect(manifest).toBe(oddManifest);
    else expect(parse(manifest).functions.worker).toEqual({ uses: [{ table: 'orders' }], triggers: [{ queue: 'payments' }] });
    expect(temps(dir).length).toBeGreaterThan(0);

    const check = await eda(['synth', '--check'], { cwd: dir });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain('(left by an interrupted eda command)');
    if (n === 1) expect(check.stderr).toMatch(/stale template\.yaml \(out of date\)/);

    const repair = await eda(['synth'], { cwd: dir });
    expect(repair.exitCode, repair.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
    const clean = await eda(['synth', '--check'], { cwd: dir });
    expect(clean.exitCode, clean.stderr).toBe(0);
    if (n === 0) expect(snapshot(dir)).toEqual(before);
    else expect(existsSync(path.join(dir, 'src', 'handlers', 'worker.ts'))).toBe(true);
    expect(readdirSync(path.join(dir, '.eda'))).toEqual([]);
  });
});
