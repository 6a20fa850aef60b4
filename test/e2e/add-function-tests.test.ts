// `eda add function` writes a first test beside the stub, for each trigger kind, and the project
// then type-checks and passes its tests (the HTTP stubs answer 400 to a body that is not JSON);
// an existing test file is never overwritten.
import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { linkModules } from '../support/link-modules.js';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eda, edaOk, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

const ok = edaOk;

describe('eda add function writes a first test', { timeout: 300_000 }, () => {
  it('for every trigger kind; the project type-checks and its tests pass', async () => {
    const root = tempDir('eda-add-tests-');
    await ok(root, ['new', 'shop', '--template', 'scheduled', '--no-install', '--no-git']);
    const dir = path.join(root, 'shop');
    await ok(dir, ['add', 'queue', 'jobs']);
    await ok(dir, ['add', 'topic', 'news']);
    await ok(dir, ['add', 'table', 'events', '--stream', 'newAndOld']);
    await ok(dir, ['add', 'bus', 'orders']);
    await ok(dir, ['add', 'api', 'public']);
    await ok(dir, ['add', 'api', 'admin', '--type', 'rest']);
    await ok(dir, ['add', 'bucket', 'media']);
    const added: Record<string, string[]> = {
      httpFn: ['--trigger', 'http:POST /things/{id}', '--api', 'public'],
      restFn: ['--trigger', 'http:PUT /admin/{key}', '--api', 'admin'],
      queueFn: ['--trigger', 'queue:jobs', '--uses', 'table:reports'],
      topicFn: ['--trigger', 'topic:news'],
      scheduleFn: ['--trigger', 'schedule:rate(1 hour)'],
      streamFn: ['--trigger', 'stream:events'],
      eventFn: ['--trigger', 'event:orders:{"source":["shop"]}'],
      bucketFn: ['--trigger', 'bucket:media', '--uses', 'bucket:media:read'],
      plainFn: [],
    };
    for (const [fn, flags] of Object.entries(added)) {
      const out = await ok(dir, ['add', 'function', fn, ...flags]);
      expect(out).toContain(`CREATE test/${fn}.test.ts`);
      const test = read(dir, `test/${fn}.test.ts`);
      expect(test).toMatch(new RegExp(`import { handler(, type Detail)? } from '../src/handlers/${fn}.js';`));
    }
    expect(read(dir, 'test/httpFn.test.ts')).toContain("routeKey: 'POST /things/{id}'");
    expect(read(dir, 'test/queueFn.test.ts')).toContain('SQSEvent');
    expect(read(dir, 'test/streamFn.test.ts')).toContain('DynamoDBStreamEvent');

    // The project's own checks, with this repository's packages standing in for its install.
    linkModules(dir);
    const tsc = await execa(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit'], { cwd: dir, reject: false });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const vitest = await execa(path.join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', 'test/httpFn.test.ts', 'test/restFn.test.ts', 'test/queueFn.test.ts', 'test/topicFn.test.ts', 'test/scheduleFn.test.ts', 'test/streamFn.test.ts', 'test/eventFn.test.ts', 'test/bucketFn.test.ts', 'test/plainFn.test.ts'], {
      cwd: dir,
      reject: false,
      env: { CI: '1', NO_COLOR: '1' },
    });
    expect(vitest.exitCode, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/Tests\s+11 passed/);
  });

  it('never overwrites an existing test file, and writes none for a handler that exists', async () => {
    const root = tempDir('eda-add-tests-');
    await ok(root, ['new', 'shop', '--template', 'blank', '--no-install', '--no-git']);
    const dir = path.join(root, 'shop');
    writeFileSync(path.join(dir, 'test', 'worker.test.ts'), '// mine\n');
    const out = await ok(dir, ['add', 'function', 'worker']);
    expect(out).toMatch(/SKIP\s+test\/worker\.test\.ts/);
    expect(read(dir, 'test/worker.test.ts')).toBe('// mine\n');

    mkdirSync(path.join(dir, 'src', 'jobs'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'jobs', 'mine.ts'), 'export const handler = async () => 1;\n');
    await ok(dir, ['add', 'function', 'mine', '--handler', 'src/jobs/mine.ts']);
    expect(existsSync(path.join(dir, 'test', 'mine.test.ts'))).toBe(false);
  });

  it('--dry-run lists the test and writes nothing', async () => {
    const root = tempDir('eda-add-tests-');
    await ok(root, ['new', 'shop', '--template', 'blank', '--no-install', '--no-git']);
    const dir = path.join(root, 'shop');
    const out = await ok(dir, ['add', 'function', 'later', '--dry-run']);
    expect(out).toContain('CREATE test/later.test.ts');
    expect(existsSync(path.join(dir, 'test', 'later.test.ts'))).toBe(false);
  });
});
