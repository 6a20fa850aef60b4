// Input transformers (inputPaths + inputTemplate) on rule targets and event triggers: AWS's
// placeholder rules reported at the placeholder's own column, and the InputTransformer synth writes.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';
import { compile } from '../../../src/pipeline/index.js';

const errors = (yaml: string) =>
  validateText(yaml, { cwd: '/nonexistent' })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.col} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);

const rule = (target: string) => `name: shop\nqueues:\n  audit: {}\nrules:\n  r:\n    pattern: { source: [shop] }\n    targets:\n      - queue: audit\n${target}`;

describe('input transformer checks', () => {
  it('points at an unknown placeholder inside the template, with did you mean', () => {
    const got = errors(rule(`        inputPaths: { name: $.detail.name }\n        inputTemplate: '{"who": <nmae>}'\n`));
    expect(got).toEqual(["10:33 <nmae> is neither an input path nor one of EventBridge's placeholders | did you mean <name>?"]);
  });

  it("accepts EventBridge's reserved placeholders, but the JSON ones only as JSON values", () => {
    const ok = `        inputTemplate: '{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "at": <aws.events.event.ingestion-time>, "e": <aws.events.event>, "full": <aws.events.event.json>}'\n`;
    expect(errors(rule(ok))).toEqual([]);
    const got = errors(rule(`        inputTemplate: '{"e": "event: <aws.events.event.json>"}'\n`));
    expect(got[0]).toContain('9:39 <aws.events.event.json> holds unescaped JSON, so it can only be a JSON value');
  });

  it('refuses a reserved or invalid path name, a bracket path, a placeholder as a key, and JSON broken once filled', () => {
    const got = errors(rule(`        inputPaths: { aws.events.x: $.a, "a b": $.b, c: "$['detail']" }\n        inputTemplate: '{<c>: 1}'\n`));
    expect(got[0]).toContain("9:23 'aws.events.x' is reserved by EventBridge");
    expect(got[1]).toContain("9:42 'a b' is not a valid input path name");
    expect(got[2]).toContain(`9:57 '$['detail']' is not a JSON path EventBridge evaluates`);
    expect(got[3]).toContain('10:26 <c> is used as an object key, which EventBridge does not allow');
    const broken = errors(rule(`        inputPaths: { n: $.detail.n }\n        inputTemplate: '{"n": <n> "x"}'\n`));
    expect(broken[0]).toMatch(/^10:24 the template is not valid JSON once its placeholders are filled in: /);
  });

  it('refuses inputPaths without a template, a transformer next to input, and more than 100 paths', () => {
    expect(errors(rule(`        inputPaths: { n: $.detail.n }\n`))[0]).toContain('9:9 inputPaths without an inputTemplate');
    expect(errors(rule(`        input: { a: 1 }\n        inputTemplate: '"x"'\n`))[0]).toContain('10:9 an input transformer cannot be combined with input');
    const many = Array.from({ length: 101 }, (_, i) => `p${i}: $.detail.p${i}`).join(', ');
    expect(errors(rule(`        inputPaths: { ${many} }\n        inputTemplate: '"x"'\n`))[0]).toContain('9:21 rules.r.targets[0].inputPaths must NOT have more than 100 properties');
  });

  it('checks the transformers of event triggers too', () => {
    const got = errors('name: shop\nfunctions:\n  f:\n    triggers:\n      - event: { pattern: { source: [shop] } }\n        inputTemplate: \'"<who> arrived"\'\n');
    expect(got[0]).toContain("6:26 <who> is neither an input path nor one of EventBridge's placeholders");
  });
});

describe('input transformer synth', () => {
  it('writes InputTransformer on declared and implied rules', async () => {
    const yaml = `${rule(`        inputPaths: { instance: $.detail.instance-id, state: $.detail.state }\n        inputTemplate: '"instance <instance> is in <state>"'\n`)}functions:\n  f:\n    triggers:\n      - schedule: rate(1 hour)\n        inputTemplate: '{"rule": <aws.events.rule-name>}'\n`;
    const r = (await compile({ cwd: '/nonexistent', text: yaml })).template.Resources as Record<string, any>;
    expect(r.RRule.Properties.Targets[0].InputTransformer).toEqual({ InputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state' }, InputTemplate: '"instance <instance> is in <state>"' });
    expect(r.FSchedule1Rule.Properties.Targets[0].InputTransformer).toEqual({ InputTemplate: '{"rule": <aws.events.rule-name>}' });
  });
});
