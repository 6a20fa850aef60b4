import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EdaError } from '../../src/core/errors.js';
import { buildAssets, esbuildTargets, withAssetLocations } from '../../src/deploy/build.js';
import { deterministicZip } from '../../src/deploy/zip.js';

const fixtureDir = fileURLToPath(new URL('./fixtures/basic/', import.meta.url));
const fixture = JSON.parse(readFileSync(path.join(fixtureDir, 'template.json'), 'utf8'));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eda-build-'));
  temps.push(dir);
  cpSync(fixtureDir, dir, { recursive: true });
  return dir;
}

/** A minimal zip reader (central directory + deflate), enough to check what eda writes. */
function unzip(buf: Buffer): Map<string, { data: Buffer; mode: number; time: number; date: number }> {
  const out = new Map<string, { data: Buffer; mode: number; time: number; date: number }>();
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const time = buf.readUInt16LE(p + 12);
    const date = buf.readUInt16LE(p + 14);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    out.set(name, { data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw), mode: external >>> 16, time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('building code assets', () => {
  it('bundles an esbuild function into a zip with the handler module and its source map, keyed by content hash', async () => {
    const result = await buildAssets(fixture, { cwd: fixtureDir, cache: false });
    expect(result.bundled).toBe(1);
    expect(result.assets).toHaveLength(1);
    const [asset] = result.assets;
    expect(asset!.key).toMatch(/^assets\/[0-9a-f]{64}\.zip$/);
    expect(asset!.key).toBe(`assets/${asset!.sha256}.zip`);
    expect(asset!.usedBy).toEqual(['WorkerFunction']);
    expect(result.refs).toEqual([{ logicalId: 'WorkerFunction', property: 'CodeUri', key: asset!.key }]);
    const files = unzip(Buffer.from(asset!.body));
    expect([...files.keys()]).toEqual(['worker.mjs', 'worker.mjs.map']);
    const code = files.get('worker.mjs')!.data.toString();
    expect(code).toMatch(/sourceMappingURL=worker\.mjs\.map/);
    expect(code).not.toMatch(/\bimport\s*[^;]*greet\.js/); // bundled, not imported
    const map = JSON.parse(files.get('worker.mjs.map')!.data.toString());
    expect(map.sources).toEqual(['src/lib/greet.ts', 'src/handlers/worker.ts']);
    expect(files.get('worker.mjs')!.mode).toBe(0o100644);

    // The bundle runs: import it and call the handler.
    const dir = mkdtempSync(path.join(tmpdir(), 'eda-bundle-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'worker.mjs'), code);
    writeFileSync(path.join(dir, 'worker.mjs.map'), files.get('worker.mjs.map')!.data);
    const mod = await import(pathToFileURL(path.join(dir, 'worker.mjs')).href);
    await expect(mod.handler({ Records: [{ body: '{}' }] })).resolves.toMatchObject({ processed: 1, note: 'hello from worker' });
  });

  it('is deterministic: the same sources give the same bytes, wherever the project lives and whatever the time zone', async () => {
    const a = await buildAssets(fixture, { cwd: fixtureDir, cache: false });
    const copy = tempCopy();
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const b = await buildAssets(fixture, { cwd: copy });
      expect(b.assets[0]!.sha256).toBe(a.assets[0]!.sha256);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const entries = unzip(Buffer.from(a.assets[0]!.body));
    // DOS date 1980-01-01 00:00:00 for every entry.
    for (const e of entries.values()) expect([e.date, e.time]).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
  });

  it('changes the hash when the code changes, and only for the function whose code changed', async () => {
    const dir = tempCopy();
    const two = clone(fixture);
    two.Resources.ApiFunction = {
      Type: 'AWS::Serverless::Function',
      Metadata: { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/api.ts'], Format: 'esm', OutExtension: ['.js=.mjs'], Minify: true } },
      Properties: { CodeUri: '.', Handler: 'api.handler' },
    };
    const before = await buildAssets(two, { cwd: dir });
    writeFileSync(path.join(dir, 'src/lib/greet.ts'), 'export function greet(name: string): string {\n  return `hi, ${name}`;\n}\n');
    const after = await buildAssets(two, { cwd: dir });
    const keyOf = (r: typeof before, id: string) => r.refs.find((x) => x.logicalId === id)!.key;
    expect(keyOf(after, 'WorkerFunction')).not.toBe(keyOf(before, 'WorkerFunction'));
    expect(keyOf(after, 'ApiFunction')).toBe(keyOf(before, 'ApiFunction'));
  });

  it('bundles functions that share an entry point once, and builds many in parallel', async () => {
    const many = clone(fixture);
    for (let i = 0; i < 12; i++) {
      many.Resources[`Worker${i}`] = clone(fixture.Resources.WorkerFunction);
    }
    const result = await buildAssets(many, { cwd: fixtureDir, cache: false });
    expect(result.bundled).toBe(13);
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]!.usedBy).toHaveLength(13);
  });

  it('zips plain folders (no BuildMethod) and points DefinitionUri files at their uploaded copy', async () => {
    const dir = tempCopy();
    mkdirSync(path.join(dir, 'plain'));
    writeFileSync(path.join(dir, 'plain/index.js'), 'exports.handler = async () => 1;\n');
    writeFileSync(path.join(dir, 'machine.asl.json'), '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    const t = {
      Resources: {
        Plain: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'plain', Handler: 'index.handler', Runtime: 'nodejs20.x' } },
        Machine: { Type: 'AWS::Serverless::StateMachine', Properties: { DefinitionUri: 'machine.asl.json' } },
        Remote: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: { Bucket: 'b', Key: 'k' }, Handler: 'x.handler' } },
        Inline: { Type: 'AWS::Serverless::Function', Properties: { InlineCode: 'exports.handler=1', Handler: 'index.handler' } },
      },
    };
    const result = await buildAssets(t, { cwd: dir });
    expect(result.refs.map((r) => [r.logicalId, r.property])).toEqual([
      ['Plain', 'CodeUri'],
      ['Machine', 'DefinitionUri'],
    ]);
    const plain = result.assets.find((a) => a.usedBy.includes('Plain'))!;
    expect([...unzip(Buffer.from(plain.body)).keys()]).toEqual(['index.js']);
    expect(result.assets.find((a) => a.usedBy.includes('Machine'))!.key).toMatch(/^assets\/[0-9a-f]{64}\.json$/);
    const located = withAssetLocations(t, result.refs, 'bucket-1');
    expect(located.Resources.Plain.Properties.CodeUri).toEqual({ Bucket: 'bucket-1', Key: plain.key });
    expect(located.Resources.Remote.Properties.CodeUri).toEqual({ Bucket: 'b', Key: 'k' });
    expect(t.Resources.Plain.Properties.CodeUri).toBe('plain'); // the input is not modified
  });

  it('reports a bundling error with its position, as one EdaError', async () => {
    const dir = tempCopy();
    writeFileSync(path.join(dir, 'src/handlers/worker.ts'), 'import { nope } from "./missing.js";\nexport const handler = nope;\n');
    const error = await buildAssets(fixture, { cwd: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect(error.message).toMatch(/^Bundling WorkerFunction \(src\/handlers\/worker\.ts\) failed: src\/handlers\/worker\.ts:1:\d+: Could not resolve "\.\/missing\.js"/);
  });

  it('reuses a cached bundle while every input is unchanged, and rebuilds when one changes', async () => {
    const dir = tempCopy();
    const first = await buildAssets(fixture, { cwd: dir });
    const cacheDir = path.join(dir, '.eda', 'build');
    const files = readdirSync(cacheDir).sort();
    expect(files.map((f) => path.extname(f))).toEqual(['.json', '.zip']);
    const meta = JSON.parse(readFileSync(path.join(cacheDir, files[0]!), 'utf8'));
    expect(Object.keys(meta.inputs).sort()).toEqual(['src/handlers/worker.ts', 'src/lib/greet.ts']);
    // A cache hit gives the very same bytes; poison the cached zip's record to prove it is checked.
    const again = await buildAssets(fixture, { cwd: dir });
    expect(again.assets[0]!.sha256).toBe(first.assets[0]!.sha256);
    writeFileSync(path.join(cacheDir, files[1]!), 'not a zip');
    const rebuilt = await buildAssets(fixture, { cwd: dir });
    expect(rebuilt.assets[0]!.sha256).toBe(first.assets[0]!.sha256);
    // Changing an imported file (not the entry point) invalidates it.
    writeFileSync(path.join(dir, 'src/lib/greet.ts'), 'export const greet = (n: string) => `yo ${n}`;\n');
    const changed = await buildAssets(fixture, { cwd: dir });
    expect(changed.assets[0]!.sha256).not.toBe(first.assets[0]!.sha256);
    const fresh = await buildAssets(fixture, { cwd: dir, cache: false });
    expect(fresh.assets[0]!.sha256).toBe(changed.assets[0]!.sha256);
  });

  it('refuses build methods it does not implement', async () => {
    const t = { Resources: { F: { Type: 'AWS::Serverless::Function', Metadata: { BuildMethod: 'makefile' }, Properties: { CodeUri: '.', Handler: 'x.handler' } } } };
    await expect(buildAssets(t, { cwd: fixtureDir, cache: false })).rejects.toThrow(/BuildMethod "makefile"/);
  });

  it('targets the Lambda runtime', () => {
    expect(esbuildTargets('nodejs22.x', undefined)).toEqual(['node22']);
    expect(esbuildTargets('nodejs20.x', 'es2022')).toEqual(['es2022', 'node20']);
    expect(esbuildTargets('nodejs24.x', 'node24')).toEqual(['node24']);
    expect(esbuildTargets(undefined, undefined)).toEqual(['node20']);
  });
});

describe('deterministic zips', () => {
  it('orders entries by name regardless of input order', async () => {
    const a = await deterministicZip([
      { name: 'b.txt', data: Buffer.from('b') },
      { name: 'a.txt', data: Buffer.from('a') },
    ]);
    const b = await deterministicZip([
      { name: 'a.txt', data: Buffer.from('a') },
      { name: 'b.txt', data: Buffer.from('b') },
    ]);
    expect(a.equals(b)).toBe(true);
    expect([...unzip(a).keys()]).toEqual(['a.txt', 'b.txt']);
  });
});
