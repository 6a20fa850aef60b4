// Hot-swap planning: which template differences a hot swap can carry, and the one line
// that says what blocks it otherwise; state machine definitions rendered with the values
// their substitutions have in the running state machine.
import { describe, expect, it } from 'vitest';
import type { Template } from '../../src/core/template.js';
import { learnSubstitutions, planHotswap, renderDefinition } from '../../src/deploy/hotswap-plan.js';

const fn = (key: string, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::Serverless::Function',
  Metadata: { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['src/handlers/a.ts'] } },
  Properties: { CodeUri: { Bucket: 'artifacts', Key: `assets/${key}.zip` }, Handler: 'a.handler', MemorySize: 128, ...extra },
});
const machine = (comment: string) => ({
  Type: 'AWS::Serverless::StateMachine',
  Properties: {
    Definition: { Comment: comment, StartAt: 'A', States: { A: { Type: 'Task', Resource: '${AFunctionArn}', End: true } } },
    DefinitionSubstitutions: { AFunctionArn: { 'Fn::GetAtt': ['AFunction', 'Arn'] } },
  },
});
const template = (resources: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({ Transform: 'AWS::Serverless-2016-10-31', Resources: resources, ...rest }) as Template;

describe('planHotswap', () => {
  it('carries changed code and definitions only, naming each', () => {
    const plan = planHotswap(
      template({ AFunction: fn('a1'), BFunction: fn('b1'), Flow: machine('v1') }),
      template({ AFunction: fn('a2'), BFunction: fn('b1'), Flow: machine('v2') }),
    );
    expect(plan).toEqual({
      kind: 'hotswap',
      functions: [{ logicalId: 'AFunction', bucket: 'artifacts', key: 'assets/a2.zip' }],
      stateMachines: [expect.objectContaining({ logicalId: 'Flow', definition: machine('v2').Properties.Definition })],
    });
  });

  it('ignores build metadata (CloudFormation does not act on it)', () => {
    const changed = fn('a2');
    changed.Metadata.BuildProperties.EntryPoints = ['src/handlers/other.ts'];
    expect(planHotswap(template({ AFunction: fn('a1') }), template({ AFunction: changed }))).toMatchObject({ kind: 'hotswap', functions: [{ logicalId: 'AFunction' }] });
  });

  it('falls back naming the resource and property for any other change', () => {
    expect(planHotswap(template({ AFunction: fn('a1') }), template({ AFunction: fn('a2', { MemorySize: 256 }) }))).toEqual({
      kind: 'fallback',
      reason: 'AFunction (AWS::Serverless::Function) changes Properties.MemorySize, which only a change set can change',
    });
    const subst = machine('v1');
    subst.Properties.DefinitionSubstitutions.AFunctionArn = { 'Fn::GetAtt': ['BFunction', 'Arn'] };
    expect(planHotswap(template({ Flow: machine('v1') }), template({ Flow: subst }))).toMatchObject({
      kind: 'fallback',
      reason: expect.stringMatching(/^Flow \(AWS::Serverless::StateMachine\) changes Properties\.DefinitionSubstitutions\.AFunctionArn/),
    });
  });

  it('falls back for new and removed resources and for changes outside Resources', () => {
    expect(planHotswap(template({ AFunction: fn('a1') }), template({ AFunction: fn('a1'), BFunction: fn('b1') }))).toEqual({ kind: 'fallback', reason: 'BFunction (AWS::Serverless::Function) is new' });
    expect(planHotswap(template({ AFunction: fn('a1'), BFunction: fn('b1') }), template({ AFunction: fn('a1') }))).toEqual({ kind: 'fallback', reason: 'BFunction (AWS::Serverless::Function) is removed' });
    expect(planHotswap(template({ AFunction: fn('a1') }), template({ AFunction: fn('a2') }, { Outputs: { X: { Value: 'y' } } }))).toEqual({ kind: 'fallback', reason: "the template's Outputs changed" });
  });

  it('nothing to swap when the templates are the same', () => {
    expect(planHotswap(template({ AFunction: fn('a1') }), template({ AFunction: fn('a1') }))).toEqual({ kind: 'hotswap', functions: [], stateMachines: [] });
  });

  it('code that is not an uploaded asset cannot be hot-swapped', () => {
    const inline = { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src/', Handler: 'a.handler', MemorySize: 128 } };
    expect(planHotswap(template({ AFunction: inline }), template({ AFunction: fn('a2') }))).toEqual({ kind: 'fallback', reason: "AFunction's code is not an uploaded S3 asset" });
  });
});

describe('state machine definitions', () => {
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:hot-dev-A-1X';
  it('learns substitution values from the running definition and renders the new one', () => {
    const running = { Comment: 'v1', StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } };
    const values = learnSubstitutions(machine('v1').Properties.Definition, running);
    expect(values).toEqual({ AFunctionArn: arn });
    const { json, missing } = renderDefinition(machine('v2').Properties.Definition, values);
    expect(missing).toEqual([]);
    expect(JSON.parse(json)).toEqual({ ...running, Comment: 'v2' });
  });

  it('matches placeholders inside longer strings, and reports names it cannot resolve', () => {
    expect(learnSubstitutions({ R: 'arn:${P}:states:::lambda:${Fn}:*' }, { R: 'arn:aws:states:::lambda:my-fn:*' })).toEqual({ P: 'aws', Fn: 'my-fn' });
    expect(learnSubstitutions({ R: '${A}-x' }, { R: 'changed outside' })).toEqual({});
    expect(renderDefinition({ R: '${Unknown}', Q: '${!Literal}' }, {}).missing).toEqual(['Unknown']);
  });
});
