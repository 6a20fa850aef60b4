// Every example: synthesized by the real CLI, byte-identical to its golden template, clean
// under cfn-lint, and accepted by AWS's SAM translator.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { copyExample, eda, repoRoot } from '../support/cli.js';

const examples = ['order-pipeline', 'fan-out', 'api-crud', 'scheduled'];
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const name of examples) {
    const dir = copyExample(name);
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    dirs.set(name, dir);
  }
}, 120_000);

describe.each(examples)('example %s', (name) => {
  it('matches its golden template byte for byte', () => {
    const golden = readFileSync(path.join(repoRoot, 'examples', name, 'template.yaml'), 'utf8');
    expect(readFileSync(path.join(dirs.get(name)!, 'template.yaml'), 'utf8')).toBe(golden);
  });

  it('is a SAM template of the right shape', () => {
    const t = parse(readFileSync(path.join(dirs.get(name)!, 'template.yaml'), 'utf8'));
    expect(t.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(t.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(t.Globals.Function).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Tracing: 'Active' });
  });

  it('leaves the handlers the user wrote untouched', () => {
    const handlers = path.join(repoRoot, 'examples', name, 'src', 'handlers');
    for (const file of ['createOrder.ts', 'publishEvent.ts', 'getNote.ts', 'poll.ts']) {
      if (existsSync(path.join(handlers, file))) {
        expect(readFileSync(path.join(dirs.get(name)!, 'src', 'handlers', file), 'utf8')).toBe(readFileSync(path.join(handlers, file), 'utf8'));
      }
    }
  });
});

describe('every example template', () => {
  it('is clean under cfn-lint (no errors, no warnings)', async () => {
    const files = examples.map((n) => path.join(dirs.get(n)!, 'template.yaml'));
    const lint = await cfnLint(files);
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 300_000);

  it("is accepted by AWS's SAM translator", async () => {
    const files = examples.map((n) => path.join(dirs.get(n)!, 'template.yaml'));
    const results = await samTranslate(files);
    for (const r of results) expect(r.errors ?? [], r.file).toEqual([]);
    const order = results[0]!.resources!;
    expect(order.CreateOrderFunction).toBe('AWS::Lambda::Function');
    expect(order.ProcessOrderStateMachine).toBe('AWS::StepFunctions::StateMachine');
    expect(order.PublicHttpApi).toBe('AWS::ApiGatewayV2::Api');
    expect(Object.values(order).filter((t) => t === 'AWS::Lambda::EventSourceMapping')).toHaveLength(2);
  }, 300_000);
});
