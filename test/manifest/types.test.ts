// The TypeScript types of the manifest come from the JSON Schema, never a hand-kept twin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

it('src/manifest/app.types.ts is generated from schema/app.schema.json and up to date', async () => {
  const { generateTypes } = (await import(path.join(repoRoot, 'scripts', 'gen-types.mjs'))) as { generateTypes: () => Promise<string> };
  const committed = readFileSync(path.join(repoRoot, 'src', 'manifest', 'app.types.ts'), 'utf8');
  expect(committed, 'run: node scripts/gen-types.mjs').toBe(await generateTypes());
});

it('the shipped schema accepts the contract examples', async () => {
  const { validateSchema } = await import('../../src/manifest/schema.js');
  const { parse } = await import('yaml');
  for (const name of ['order-pipeline', 'fan-out', 'api-crud', 'scheduled']) {
    const manifest = parse(readFileSync(path.join(repoRoot, 'examples', name, 'app.yaml'), 'utf8'));
    expect(validateSchema(manifest), name).toEqual([]);
  }
});
