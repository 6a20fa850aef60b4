// A function on another architecture than the defaults: SAM appends a function's Architectures
// to Globals', so eda must not leave both in place (AWS rejects a function with two).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint } from '../support/cfn.js';
import { eda, tempProject } from '../support/cli.js';

const app = `name: mixed
defaults: { architecture: arm64 }
functions:
  onArm: {}
  onIntel: { architecture: x86_64 }
`;

describe('functions on two architectures', () => {
  it('each get exactly their own, after the SAM transform, and the template lints clean', async () => {
    const dir = tempProject({ 'app.yaml': app, 'src/handlers/onArm.ts': 'export const handler = async () => ({});\n', 'src/handlers/onIntel.ts': 'export const handler = async () => ({});\n' });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, run.stderr).toBe(0);
    const file = path.join(dir, 'template.yaml');
    const template = parse(readFileSync(file, 'utf8'));
    expect(template.Globals.Function.Architectures).toBeUndefined();
    expect(template.Resources.OnArmFunction.Properties.Architectures).toEqual(['arm64']);
    expect(template.Resources.OnIntelFunction.Properties.Architectures).toEqual(['x86_64']);
    const resources = JSON.parse((await execa('python3', [path.join(import.meta.dirname, '..', 'support', 'sam_resources.py'), file], { env: { AWS_DEFAULT_REGION: 'us-east-1' } })).stdout);
    expect(resources.OnArmFunction.Properties.Architectures).toEqual(['arm64']);
    expect(resources.OnIntelFunction.Properties.Architectures).toEqual(['x86_64']);
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
  }, 120_000);
});
