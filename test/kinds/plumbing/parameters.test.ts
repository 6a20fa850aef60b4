// parameters:, ${parameters.X}, stage values, and ${ssm:...} / ${secret:...} dynamic references:
// positioned errors, and what the template holds.
import { describe, expect, it } from 'vitest';
import { InvalidAppError } from '../../../src/core/errors.js';
import { compile } from '../../../src/pipeline/index.js';
import { diagnostics, hints, template } from './helpers.js';

const app = (body: string) => `name: shop\n${body}`;

describe('parameters: validation', () => {
  it('reports values that do not fit the type or the allowed values, and unknown names, where they are written', () => {
    const yaml = app(
      [
        'parameters:',
        '  Env: { default: test, allowed: [test, prod] }',
        '  Retention: { type: Number, default: x }',
        'stages:',
        '  prod:',
        '    parameters: { Env: staging, Enb: prod }',
        '',
      ].join('\n'),
    );
    expect(diagnostics(yaml)).toEqual([
      "4:39 error parameter 'Retention' is a Number; 'x' is not a number",
      "7:24 error 'staging' is not an allowed value of parameter 'Env'",
      "7:33 error stage 'prod' sets parameter 'Enb', which is not declared under parameters",
    ]);
    expect(hints(yaml)).toEqual(['', 'allowed: test, prod', "did you mean 'Env'?"]);
  });

  it('names an unknown parameter in an expression, with did you mean, and refuses a list inside a string', () => {
    const yaml = app(
      ['parameters:', '  Env: {}', '  Subnets: { type: CommaDelimitedList }', 'functions:', '  a:', '    environment:', '      ENV: ${parameters.Envv}', '      SUBNETS: "x${parameters.Subnets}"', ''].join('\n'),
    );
    expect(diagnostics(yaml)).toEqual([
      "8:25 error ${parameters.Envv} refers to parameter 'Envv', which is not declared under parameters",
      "9:18 error parameter 'Subnets' is a list (CommaDelimitedList); a list cannot be put into a string",
    ]);
    expect(hints(yaml)[0]).toBe("did you mean 'Env'?");
  });

  it('warns that a noEcho default is written in plain text', () => {
    expect(diagnostics(app('parameters:\n  ApiKey: { noEcho: true, default: abc }\n'))).toEqual([
      "3:36 warning parameter 'ApiKey' hides its value (noEcho) but its default is written in the template in plain text",
    ]);
  });

  it('refuses a parameter named like a generated resource, at synth', async () => {
    const error = await compile({ cwd: '/nonexistent', text: app('parameters:\n  OrdersQueue: {}\nqueues:\n  orders: {}\n') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppError);
    expect((error as InvalidAppError).diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toContain(
      "3:3 parameter 'OrdersQueue' has the logical ID of a resource in the template (parameters.OrdersQueue)",
    );
  });
});

describe('parameters: synth', () => {
  const yaml = app(
    [
      'parameters:',
      '  Env: { default: test, allowed: [test, prod], description: Where it runs }',
      '  Size: { type: Number, default: 5 }',
      '  Key: { noEcho: true }',
      '  Zones: { type: CommaDelimitedList, default: [a, b] }',
      'stages:',
      '  prod: { parameters: { Env: prod } }',
      'functions:',
      '  a:',
      '    environment: { ENV: "${parameters.Env}", URL: "https://${parameters.Env}.example.com/${ssm:/shop/path}" }',
      'rules:',
      '  r:',
      '    pattern: { source: ["${parameters.Env}.orders"] }',
      '    targets: [{ function: a }]',
      'workflows:',
      '  w:',
      '    definition:',
      '      StartAt: P',
      '      States:',
      '        P: { Type: Pass, Result: { env: "${parameters.Env}", url: "${ssm:/shop/url:2}" }, End: true }',
      'outputs:',
      '  Env: ${parameters.Env}',
      '',
    ].join('\n'),
  );

  it('writes a Parameters section whose defaults are the stage values', async () => {
    const dev = await template(yaml);
    expect(dev.Parameters).toEqual({
      Env: { Type: 'String', Description: 'Where it runs', Default: 'test', AllowedValues: ['test', 'prod'] },
      Size: { Type: 'Number', Default: '5' },
      Key: { Type: 'String', NoEcho: true },
      Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
    });
    expect((await template(yaml, 'prod')).Parameters.Env.Default).toBe('prod');
  });

  it('turns ${parameters.X} into a Ref or a Fn::Sub variable, and ${ssm:...} into a dynamic reference, everywhere', async () => {
    const t = await template(yaml);
    const env = t.Resources.AFunction!.Properties.Environment.Variables;
    expect(env.ENV).toEqual({ Ref: 'Env' });
    expect(env.URL).toEqual({ 'Fn::Sub': 'https://${Env}.example.com/{{resolve:ssm:/shop/path}}' });
    expect(t.Resources.RRule!.Properties.EventPattern).toEqual({ source: [{ 'Fn::Sub': '${Env}.orders' }] });
    const wf = t.Resources.WStateMachine!.Properties;
    expect(wf.Definition.States.P.Result).toEqual({ env: '${ParametersEnv}', url: '${SsmShopUrl2}' });
    expect(wf.DefinitionSubstitutions).toEqual({ ParametersEnv: { Ref: 'Env' }, SsmShopUrl2: '{{resolve:ssm:/shop/url:2}}' });
    expect(t.Outputs.Env).toEqual({ Value: { Ref: 'Env' } });
  });
});

describe('dynamic references: validation', () => {
  it('reports a malformed reference, and a secret written into an environment variable', () => {
    const yaml = app(
      ['functions:', '  a:', '    environment:', '      BAD: ${ssm:has space}', '      KEY: ${secret:stripe:SecretString:key}', '      ODD: ${secret:stripe:Other}', '      SYS: ${ssm:/aws/x}', ''].join('\n'),
    );
    expect(diagnostics(yaml)).toEqual([
      "5:12 error '${ssm:has space}' is not a valid SSM parameter reference: an SSM parameter name is letters, digits and _ . - /, optionally followed by :version",
      "6:12 error ${secret:stripe:SecretString:key} would put the secret's value into an environment variable, where anyone who may read its configuration sees it",
      "7:12 error '${secret:stripe:Other}' is not a valid Secrets Manager reference: the field after the secret is SecretString, not 'Other'",
      "8:12 error '${ssm:/aws/x}' is not a valid SSM parameter reference: SSM parameter names cannot begin with 'aws' or 'ssm'",
    ]);
    expect(hints(yaml)[1]).toBe('grant the function the secret instead (uses: - secret: stripe) and read it at run time');
  });

  it('reports an unclosed parameter expression', () => {
    expect(diagnostics(app('parameters: { Env: {} }\noutputs:\n  X: "a ${parameters.Env"\n'))).toEqual(["4:9 error '${parameters.Env' is missing its closing '}'"]);
  });
});

describe('parameters: schema', () => {
  it('explains a parameter name or type CloudFormation would refuse', () => {
    expect(diagnostics(app('parameters:\n  bad_name: {}\n  T: { type: Strin }\n'))).toEqual([
      "3:3 error 'bad_name' in parameters is not a valid parameter name",
      '4:14 error parameters.T.type: the string "Strin" is not a CloudFormation parameter type',
    ]);
  });
});

describe('dynamic references: limit', () => {
  it('refuses more than the 60 dynamic references CloudFormation accepts in one template', async () => {
    const vars = Array.from({ length: 61 }, (_, i) => `      V${i}: \${ssm:/p/${i}}`).join('\n');
    const error = await compile({ cwd: '/nonexistent', text: app(`functions:\n  a:\n    environment:\n${vars}\n`) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppError);
    expect((error as InvalidAppError).diagnostics.map((d) => d.message)).toContain('the template holds 61 dynamic references (${ssm:...}, ${secret:...}); CloudFormation accepts at most 60');
  });
});
