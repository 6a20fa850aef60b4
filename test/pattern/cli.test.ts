// End to end: build the CLI, then run `eda test-pattern` on temporary files.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'eda.js');
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
let dir: string;

async function build(): Promise<void> {
  // Other work may be mid-edit; one retry after a pause rides that out.
  for (let attempt = 1; ; attempt++) {
    const result = await execa('npm', ['run', 'build'], { cwd: root, reject: false, all: true });
    if (result.exitCode === 0) return;
    if (attempt === 2) throw new Error(`npm run build failed:\n${result.all}`);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
  }
}

function eda(args: string[], input?: string) {
  return execa('node', [bin, 'test-pattern', ...args], {
    cwd: dir,
    reject: false,
    env: { NO_COLOR: '1' },
    ...(input === undefined ? {} : { input }),
  });
}

beforeAll(async () => {
  await build();
  dir = mkdtempSync(join(tmpdir(), 'eda-test-pattern-'));
  cpSync(fixtures, dir, { recursive: true });
  writeFileSync(join(dir, 'ip-pattern.json'), JSON.stringify({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }));
  writeFileSync(join(dir, 'ip-event.json'), JSON.stringify({ detail: { ip: '10.0.0.7' } }));
  writeFileSync(join(dir, 'not-json.json'), '{ "source": [ "a" ');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('eda test-pattern', () => {
  it('prints true and exits 0 when the event matches', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', 'order-event.json']);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, 'true', '']);
  });

  it('prints false and exits 0 when it does not', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', 'small-order-event.yaml']);
    expect([r.exitCode, r.stdout]).toEqual([0, 'false']);
  });

  it('matches a CIDR block', async () => {
    const r = await eda(['--pattern', 'ip-pattern.json', '--event', 'ip-event.json']);
    expect([r.exitCode, r.stdout]).toEqual([0, 'true']);
  });

  it('prints {"matches": ...} with --json', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', 'order-event.json', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ matches: true });
  });

  it('reads the event from stdin with -', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', '-'], '{"source": "other"}');
    expect([r.exitCode, r.stdout]).toEqual([0, 'false']);
  });

  it('reports an invalid pattern with file:line:col and a hint, exit 1', async () => {
    const r = await eda(['--pattern', 'bad-pattern.json', '--event', 'order-event.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-pattern.json:5:18: unknown operator "prfix"');
    expect(r.stderr).toContain('hint: did you mean "prefix"?');
    expect(r.stderr).toContain('bad-pattern.json:4:39: nothing may follow "<" 500');
  });

  it('refuses wildcards EventBridge finds too complex, at the wildcard, exit 1', async () => {
    writeFileSync(join(dir, 'complex.json'), '{\n  "resources": [\n    { "wildcard": "*:*:*:*:*:event-bus/*" }\n  ]\n}\n');
    const r = await eda(['--pattern', 'complex.json', '--event', 'order-event.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('complex.json:3:7: EventBridge rejects the wildcards on "resources" as too complex ("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character")');
    expect(r.stderr).toContain('hint: use fewer "*"');
  });

  it('missing flags are a usage error, exit 2', async () => {
    const r = await eda(['--pattern', 'order-pattern.json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Missing --event <file>.');
  });

  it('a missing file exits 1 with one sentence', async () => {
    const r = await eda(['--pattern', 'nope.json', '--event', 'order-event.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe('error The pattern file nope.json does not exist.');
  });

  it('unreadable JSON exits 1 with one sentence', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', 'not-json.json']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error not-json\.json:1:\d+: the event is not valid JSON: .+\.$/);
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const r = await eda(['--pattern', 'order-pattern.json', '--event', 'order-event.json', '--bogus']);
    expect(r.exitCode).toBe(2);
  });
});
