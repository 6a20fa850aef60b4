// Generates src/manifest/app.types.ts from schema/app.schema.json: the schema is the
// single source of truth for the manifest's shape; a test fails when this file is stale.
import { compile } from 'json-schema-to-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export async function generateTypes() {
  const schema = JSON.parse(readFileSync(`${root}/schema/app.schema.json`, 'utf8'));
  return compile(schema, 'AppManifest', {
    bannerComment: '// Generated from schema/app.schema.json by scripts/gen-types.mjs. Do not edit.',
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 110 },
  });
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(`${root}/src/manifest/app.types.ts`, await generateTypes());
}
