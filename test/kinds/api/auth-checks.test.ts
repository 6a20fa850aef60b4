// Authorizers, route auth, API keys and domains that app.yaml gets wrong: each reported at its
// line and column with a hint, and nothing compiled.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';

const base = (apis: string, functions = '  authorize: {}\n  orders:\n    triggers: [{ http: GET /orders }]\n') => `name: shop\nfunctions:\n${functions}apis:\n${apis}`;

const cases: { name: string; yaml: string; expect: string[]; hints?: (string | undefined)[] }[] = [
  {
    name: 'an authorizer naming an unknown function',
    yaml: base('  public:\n    authorizers:\n      custom: { type: lambda, function: authorise }\n'),
    expect: ["9:41 function 'authorise' is not declared under functions"],
    hints: ["did you mean 'authorize'?"],
  },
  {
    name: 'an authorizer naming something that is not a function',
    yaml: base('  public:\n    authorizers:\n      custom: { type: lambda, function: jobs }\n') + 'queues:\n  jobs: {}\n',
    expect: ["9:41 'jobs' is a queue, not a function: an authorizer calls a Lambda function"],
  },
  {
    name: 'a token authorizer on an http api',
    yaml: base('  public:\n    authorizers:\n      t: { type: token, function: authorize }\n'),
    expect: ['9:18 a token authorizer needs a rest api'],
    hints: ['on an http api use type: lambda (payload 2.0) or type: jwt'],
  },
  {
    name: 'a cognito authorizer on an http api',
    yaml: base('  public:\n    auth: { type: cognito, userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc" }\n'),
    expect: ['8:19 a cognito authorizer needs a rest api'],
  },
  {
    name: 'a lambda (payload 2.0) authorizer on a rest api',
    yaml: base('  public:\n    type: rest\n    authorizers:\n      c: { type: lambda, function: authorize }\n'),
    expect: ['10:18 a lambda authorizer needs an http api'],
  },
  {
    name: 'simple responses on a rest api',
    yaml: base('  public:\n    type: rest\n    authorizers:\n      t: { type: token, function: authorize, responses: simple }\n'),
    expect: ["10:46 'responses' applies to lambda authorizers, not token"],
    hints: ["a rest api's Lambda authorizers always return an IAM policy"],
  },
  {
    name: 'scopes on a lambda authorizer',
    yaml: base('  public:\n    authorizers:\n      c: { type: lambda, function: authorize, scopes: [a] }\n'),
    expect: ["9:47 'scopes' applies to jwt, cognito authorizers, not lambda"],
  },
  {
    name: 'route scopes with a lambda authorizer',
    yaml: base('  public:\n    authorizers:\n      c: { type: lambda, function: authorize }\n    auth: c\n', '  authorize: {}\n  orders:\n    triggers:\n      - http: GET /orders\n        auth: { scopes: [orders/read] }\n'),
    expect: ["7:17 scopes apply to jwt and cognito authorizers; this route's auth is lambda"],
  },
  {
    name: 'a route naming an unknown authorizer',
    yaml: base('  public:\n    authorizers:\n      users: { type: jwt, issuer: https://id.example.com, audience: [a] }\n', '  authorize: {}\n  orders:\n    triggers:\n      - http: GET /orders\n        auth: user\n'),
    expect: ["7:15 authorizer 'user' is not declared under apis.public.authorizers"],
    hints: ["did you mean 'users'?"],
  },
  {
    name: "an api's default naming an unknown authorizer",
    yaml: base('  public:\n    authorizers:\n      users: { type: jwt, issuer: https://id.example.com, audience: [a] }\n    auth: userz\n'),
    expect: ["10:11 authorizer 'userz' is not declared under apis.public.authorizers"],
  },
  {
    name: 'usage plans without apiKeys',
    yaml: base('  public:\n    type: rest\n    usagePlans:\n      basic: { quota: { limit: 10, period: DAY } }\n'),
    expect: ['9:5 usage plans hand out API keys, but this api does not require them'],
    hints: ['add apiKeys: true to the api'],
  },
  {
    name: 'API keys on an http api',
    yaml: base('  public:\n    apiKeys: true\n'),
    expect: ['8:5 API keys need a rest api'],
  },
  {
    name: 'a route opting out of keys on an api without them',
    yaml: base('  public: { type: rest }\n', '  orders:\n    triggers:\n      - http: GET /orders\n        auth: { apiKey: false }\n'),
    expect: ["6:17 api 'public' does not use API keys"],
  },
  {
    name: 'a user pool ARN that is not one',
    yaml: base('  public:\n    type: rest\n    auth: { type: cognito, userPoolArn: my-pool }\n'),
    expect: ["9:41 'my-pool' is not a Cognito user pool ARN"],
  },
  {
    name: 'a user pool from an undeclared resource',
    yaml: base('  public:\n    type: rest\n    auth: { type: cognito, userPoolArn: "${resources.Pool.Arn}" }\n'),
    expect: ["9:54 ${resources.Pool.Arn} refers to resource 'Pool', which is not declared under resources"],
  },
  {
    name: 'a domain certificate that is not an ACM ARN',
    yaml: base('  public:\n    domain: { name: api.example.com, certificateArn: my-cert }\n'),
    expect: ["8:54 'my-cert' is not an ACM certificate ARN"],
  },
  {
    name: 'a token authorizer reading a query string',
    yaml: base('  public:\n    type: rest\n    authorizers:\n      t: { type: token, function: authorize, identitySources: [method.request.querystring.t] }\n'),
    expect: ['10:63 a token authorizer reads one header'],
  },
  {
    name: 'everything right',
    yaml: base(
      '  public:\n    authorizers:\n      users: { type: jwt, issuer: https://id.example.com, audience: [a], scopes: [r] }\n      custom: { type: lambda, function: authorize, responses: iam, ttl: 0 }\n    auth: custom\n',
      '  authorize: {}\n  orders:\n    triggers:\n      - http: GET /orders\n        auth: { authorizer: users, scopes: [orders/read] }\n      - { http: GET /health, auth: none }\n',
    ),
    expect: [],
  },
];

describe('api auth checks', () => {
  it.each(cases)('$name', ({ yaml, expect: expected, hints }) => {
    const { diagnostics, manifest } = validateText(yaml, { cwd: '/nonexistent' });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const got = errors.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(got, got.join('\n')).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toContain(e));
    if (expected.length) expect(manifest).toBeUndefined();
    if (hints) expect(errors.map((d) => d.hint)).toEqual(hints);
  });
});
