// A corpus of broken app.yaml files, each with the exact position and message a user sees.
import { describe, expect, it } from 'vitest';
import { InvalidAppError } from '../../src/core/errors.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { validateText } from '../../src/pipeline/validate.js';
import { compile } from '../../src/pipeline/index.js';

interface Case {
  name: string;
  yaml: string;
  /** "LINE:COL message-fragment" for each expected error, in order. */
  expect: string[];
  /** Found when compiling (the manifest alone is valid). */
  synth?: boolean;
  /** The hint of each expected error, in order (when checked). */
  hints?: string[];
}

const cases: Case[] = [
  { name: 'unclosed flow map', yaml: 'name: shop\nfunctions: { a: {\n', expect: ['2:12 the mapping opened with { here is never closed'], hints: ['add the missing closing brackets before the end of the file (2 are open)'] },
  { name: 'unclosed flow map before the block resumes', yaml: 'name: shop\nqueues:\n  q: { fifo: true\nfunctions:\n  a: {}\n', expect: ['3:6 the mapping opened with { here is never closed'], hints: ['add } before line 4'] },
  { name: 'unclosed flow list', yaml: 'name: shop\nfunctions:\n  a:\n    triggers: [{ queue: q }\nqueues:\n  q: {}\n', expect: ['4:15 the list opened with [ here is never closed'], hints: ['add ] before line 5'] },
  { name: 'unclosed double quote', yaml: 'name: shop\nfunctions:\n  a:\n    description: "hello\n    timeout: 3\n', expect: ['4:18 the string opened with " here is never closed'], hints: ['end the string with " on the same line, or remove the opening "'] },
  { name: 'unclosed single quote', yaml: "name: shop\nfunctions:\n  a:\n    description: 'it''s\n    timeout: 3\n", expect: ["4:18 the string opened with ' here is never closed"] },
  { name: 'tab indentation', yaml: 'name: shop\nfunctions:\n\tcreateOrder: {}\n', expect: ['3:1 a tab indents this line; YAML allows only spaces for indentation'], hints: ['replace the tab with spaces'] },
  { name: 'tab after spaces', yaml: 'name: shop\nfunctions:\n  a:\n  \ttimeout: 3\n', expect: ['4:3 a tab indents this line'] },
  { name: 'mis-indented key', yaml: 'name: shop\nfunctions:\n  a:\n    timeout: 3\n   memory: 128\n', expect: ["5:4 'memory' is indented 3 spaces, which lines it up with no other key"], hints: ["indent it by 4 to put it beside 'timeout' (line 4), or 2 to put it beside 'a' (line 3)"] },
  { name: 'mis-indented entry', yaml: 'name: shop\nqueues:\n  a: {}\n b: {}\n', expect: ["4:2 'b' is indented 1 space, which lines it up with no other key"], hints: ["indent it by 2 to put it beside 'a' (line 3), or 0 to put it beside 'queues' (line 2)"] },
  { name: 'duplicate key', yaml: 'name: shop\nqueues:\n  orders: {}\n  orders: {}\n', expect: ["4:3 key 'orders' appears twice in this mapping (first on line 3)"], hints: ['each key may appear once in a mapping; merge the two entries or rename one'] },
  { name: 'a colon missing its space', yaml: 'name: shop\nfunctions:\n  a:\n    timeout:3\n', expect: ["4:12 'timeout:3' is one string to YAML: a key's colon needs a space after it"], hints: ['write timeout: 3'] },
  { name: 'a colon missing its space in a section', yaml: 'name: shop\nqueues:\n  q:{}\n', expect: ["3:4 'q:{}' is one string to YAML: a key's colon needs a space after it"], hints: ['write q: {}'] },
  { name: 'a # inside a string is not a comment, a bracket in a comment is not open', yaml: 'name: shop # the shop [draft\ndescription: "a [b" # {\nqueues:\n  q: { fifo: true }\n', expect: [] },
  { name: 'brackets in a block scalar are text', yaml: 'name: shop\ndescription: |\n  a [b {c\n    "d\nqueues:\n  q: {}\n', expect: [] },
  { name: 'alias without anchor', yaml: 'name: shop\nqueues:\n  q: *nothing\n', expect: ['3:6 '] },
  {
    name: 'billion laughs',
    yaml: ['name: shop', 'x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(9).fill(`*x${i}`).join(', ')}]`), 'resources:', '  B: { Type: AWS::S3::Bucket, Properties: { Tags: *x8 } }', ''].join('\n'),
    expect: ['3:10 Excessive alias count indicates a resource exhaustion attack'],
  },
  { name: 'handler outside the project', yaml: 'name: shop\nfunctions:\n  a: { handler: ../../etc/evil.ts }\n', expect: ["3:17 handler '../../etc/evil.ts' is outside the project folder"] },
  { name: 'definition outside the project', yaml: 'name: shop\nworkflows:\n  w: { definition: /etc/x.json }\n', expect: ["3:20 definition file '/etc/x.json' is outside the project folder"] },
  { name: 'a duration that is not one', yaml: 'name: shop\nqueues:\n  q: { retention: forever }\n', expect: ['3:19 queues.q.retention must be a whole number or a duration like 30s, 15m, 4h or 4d, not the string "forever"'] },
  { name: 'handler in the generated folder', yaml: 'name: shop\nfunctions:\n  a: { handler: src/generated/resources.ts }\n', expect: ["3:17 handler 'src/generated/resources.ts' is in src/generated/, which eda synth rewrites"] },
  { name: 'handlers differing only in capitals', yaml: 'name: shop\nfunctions:\n  createOrder: {}\n  createorder: {}\n', expect: ["4:3 the handler of 'createorder' (src/handlers/createorder.ts) differs from that of 'createOrder' (src/handlers/createOrder.ts) only in capitals"] },
  { name: 'an entry of the wrong type stays declared', yaml: 'name: shop\nqueues:\n  q: 5\nfunctions:\n  f: { triggers: [{ queue: q }] }\n', expect: ['3:6 queues.q must be a mapping, not the number 5'] },
  { name: 'empty entries and sections are fine', yaml: 'name: shop\nqueues:\n  q:\nbuses:\n  b:\ntopics:\nfunctions:\n  f:\n    triggers: [{ queue: q }]\n', expect: [] },
  { name: 'empty file', yaml: '', expect: ['1:1 app.yaml is empty'] },
  { name: 'a list instead of a mapping', yaml: '- name: shop\n', expect: ['1:1 app.yaml must be a mapping of keys'] },
  { name: 'missing name', yaml: 'functions: {}\n', expect: ["1:1 the app is missing 'name'"] },
  { name: 'unknown top-level key', yaml: 'name: shop\nfunction: {}\n', expect: ["2:1 unknown key 'function' in the app"] },
  { name: 'typo in a function key', yaml: 'name: shop\nfunctions:\n  a:\n    timout: 3\n', expect: ["4:5 unknown key 'timout'"] },
  { name: 'wrong type', yaml: 'name: shop\nfunctions:\n  a:\n    memory: lots\n', expect: ['4:13 functions.a.memory must be a whole number'] },
  { name: 'out of range', yaml: 'name: shop\nfunctions:\n  a:\n    timeout: 901\n', expect: ['4:14 functions.a.timeout must be ≤ 900'] },
  { name: 'enum near miss', yaml: 'name: shop\ndefaults:\n  architecture: arm\n', expect: ['3:17 defaults.architecture must be one of arm64, x86_64'] },
  { name: 'invalid resource name', yaml: 'name: shop\nqueues:\n  Order_Queue: {}\n', expect: ["3:3 'Order_Queue' in queues is not a valid name"] },
  { name: 'hostile name', yaml: 'name: shop\nqueues:\n  "x; rm -rf /": {}\n', expect: ['3:3 '] },
  { name: 'rest api names colliding after PascalCase', yaml: 'name: shop\napis:\n  order-api: { type: rest }\n  orderApi: { type: rest }\n', expect: ["4:3 api 'orderApi' and api 'order-api' both become the logical ID OrderApiRestApi"] },
  { name: 'names colliding after PascalCase', yaml: 'name: shop\ntopics:\n  order-events: {}\n  orderEvents: {}\n', expect: ['4:3 topic \'orderEvents\' and topic \'order-events\' both become the logical ID OrderEvents'] },
  { name: 'unknown reference in uses', yaml: 'name: shop\ntables:\n  orders: { partitionKey: id }\nfunctions:\n  a:\n    uses:\n      - table: order\n', expect: ["7:16 table 'order' is not declared under tables"] },
  { name: 'unknown queue trigger', yaml: 'name: shop\nfunctions:\n  a:\n    triggers:\n      - queue: nope\n', expect: ["5:16 queue 'nope' is not declared"] },
  { name: 'unknown rule target', yaml: 'name: shop\nrules:\n  r:\n    schedule: rate(1 day)\n    targets:\n      - function: nope\n', expect: ["6:19 function 'nope' is not declared"] },
  { name: 'unknown subscription queue', yaml: 'name: shop\ntopics:\n  t:\n    subscriptions:\n      - queue: audit\n', expect: ["5:16 queue 'audit' is not declared"] },
  { name: 'unknown expression target', yaml: 'name: shop\nfunctions:\n  a:\n    environment:\n      QUEUE: ${queues.nope.url}\n', expect: ['5:23 ${queues.nope.url} refers to queue \'nope\''] },
  { name: 'unknown expression attribute', yaml: 'name: shop\nqueues:\n  q: {}\nfunctions:\n  a:\n    environment:\n      QUEUE: "x-${queues.q.arnn}"\n', expect: ["7:28 queues have no attribute 'arnn'"] },
  { name: 'unknown expression kind', yaml: 'name: shop\nfunctions:\n  a:\n    environment:\n      QUEUE: ${queue.q.url}\n', expect: ["5:14 '${queue.q.url}' is not an expression eda knows"] },
  { name: 'unknown expression in a rule pattern', yaml: 'name: shop\nbuses:\n  other: {}\nrules:\n  r:\n    pattern:\n      detail:\n        q: ["${queues.nope.arn}"]\n    targets: [{ bus: other }]\n', expect: ["8:23 ${queues.nope.arn} refers to queue 'nope'"] },
  { name: 'expression in a pattern key', yaml: 'name: shop\nbuses:\n  other: {}\nrules:\n  r:\n    pattern:\n      "${AWS::Region}": [a]\n    targets: [{ bus: other }]\n', expect: ["7:7 a key of an event pattern cannot hold an expression"] },
  { name: 'unknown expression in target input', yaml: 'name: shop\nfunctions:\n  f: {}\nrules:\n  r:\n    schedule: rate(1 day)\n    targets:\n      - function: f\n        input: { t: "${tables.nope.name}" }\n', expect: ["9:31 ${tables.nope.name} refers to table 'nope'"] },
  { name: 'unknown expression in an event trigger pattern', yaml: 'name: shop\nfunctions:\n  f:\n    triggers:\n      - event:\n          pattern: { source: ["${topics.x.arn}"] }\n', expect: ["6:41 ${topics.x.arn} refers to topic 'x'"] },
  { name: 'output that is no intrinsic function', yaml: 'name: shop\noutputs:\n  A: { Reff: Reports }\n', expect: ["3:8 'Reff' in outputs.A is not a CloudFormation intrinsic function"] },
  { name: 'unknown raw resource in an expression', yaml: 'name: shop\nresources:\n  Reports: { Type: AWS::S3::Bucket }\nfunctions:\n  f:\n    environment: { BUCKET: "${resources.Reprts.Arn}" }\n', expect: ["6:41 ${resources.Reprts.Arn} refers to resource 'Reprts', which is not declared under resources"] },
  { name: 'output Ref to an unknown logical ID', yaml: 'name: shop\nresources:\n  Reports: { Type: AWS::S3::Bucket }\noutputs:\n  A: { Ref: Report }\n  B: { value: { "Fn::GetAtt": [Reprts, Arn] } }\n', expect: ["5:13 'Report' is not a resource of this template", "6:32 'Reprts' is not a resource of this template"], synth: true },
  { name: 'rest api with several CORS origins', yaml: 'name: shop\napis:\n  legacy:\n    type: rest\n    cors:\n      origins: [https://a.example.com, https://b.example.com]\nfunctions:\n  f:\n    triggers: [{ http: GET /x, api: legacy }]\n', expect: ['6:40 a rest api answers CORS with one origin, not a list'] },
  { name: 'duplicate routes', yaml: 'name: shop\nfunctions:\n  a:\n    triggers: [{ http: "GET /orders/{id}" }]\n  b:\n    triggers: [{ http: "GET /orders/{orderId}" }]\n', expect: ["6:24 route 'GET /orders/{orderId}' on api 'api' is already taken"] },
  { name: 'bad route', yaml: 'name: shop\nfunctions:\n  a:\n    triggers: [{ http: get /orders }]\n', expect: ['4:24 functions.a.triggers[0].http: the string "get /orders" is not a route'] },
  { name: 'rate with plural of one', yaml: 'name: shop\nrules:\n  r:\n    schedule: rate(1 hours)\n    targets: [{ bus: other }]\nbuses:\n  other: {}\n', expect: ['4:22 rate(1 hours) must use the singular unit'] },
  { name: 'cron with five fields', yaml: 'name: shop\nfunctions:\n  a:\n    triggers:\n      - schedule: cron(0 12 * * *)\n', expect: ['5:24 cron(0 12 * * *) has 5 fields'] },
  { name: 'cron minute out of range', yaml: 'name: shop\nfunctions:\n  a:\n    triggers:\n      - schedule: cron(61 12 * * ? *)\n', expect: ["5:24 cron minutes field '61': 61 is outside 0-59"] },
  { name: 'pattern and schedule', yaml: 'name: shop\nfunctions:\n  f: {}\nrules:\n  r:\n    pattern: { source: [a] }\n    schedule: rate(1 day)\n    targets: [{ function: f }]\n', expect: ["7:5 rule 'r' has both a pattern and a schedule"] },
  { name: 'invalid event pattern', yaml: 'name: shop\nfunctions:\n  f: {}\nrules:\n  r:\n    pattern:\n      source: shop\n    targets: [{ function: f }]\n', expect: ['7:15 invalid event pattern'] },
  { name: 'wildcards too complex for EventBridge', yaml: 'name: shop\nfunctions:\n  f: {}\nrules:\n  r:\n    pattern:\n      resources: [{ wildcard: "*:*:*:*:*:event-bus/*" }]\n    targets: [{ function: f }]\n', expect: ['7:31 invalid event pattern: EventBridge rejects the wildcards on "resources" as too complex'] },
  { name: 'FIFO batch over 10', yaml: 'name: shop\nqueues:\n  q: { fifo: true }\nfunctions:\n  a:\n    triggers:\n      - queue: q\n        batchSize: 11\n', expect: ["8:20 batchSize 11 is over 10, the limit for FIFO queue 'q'"] },
  { name: 'standard batch over 10 without window', yaml: 'name: shop\nqueues:\n  q: {}\nfunctions:\n  a:\n    triggers:\n      - queue: q\n        batchSize: 100\n', expect: ['8:20 batchSize 100 over 10 needs a batchWindow'] },
  { name: 'stream of a table without stream', yaml: 'name: shop\ntables:\n  t: { partitionKey: id }\nfunctions:\n  a:\n    triggers:\n      - stream: t\n', expect: ["7:17 table 't' has no stream"] },
  { name: 'trigger option of another kind', yaml: 'name: shop\nqueues:\n  q: {}\nfunctions:\n  a:\n    triggers:\n      - queue: q\n        startingPosition: LATEST\n', expect: ["8:9 'startingPosition' does not apply to a queue trigger"] },
  { name: 'use with two kinds', yaml: 'name: shop\nqueues:\n  q: {}\ntables:\n  t: { partitionKey: id }\nfunctions:\n  a:\n    uses:\n      - { queue: q, table: t }\n', expect: ["9:21 a use has both 'queue' and 'table'"] },
  { name: 'ASL: missing Next target', yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      StartAt: A\n      States:\n        A: { Type: Pass, Next: B }\n', expect: ['6:7 no state ends the machine', "7:32 'B' is not a state"] },
  {
    name: 'ASL: a variable no state assigns (JSONPath)',
    yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      StartAt: A\n      States:\n        A: { Type: Pass, Assign: { total: 1 }, Next: B }\n        B: { Type: Pass, Parameters: { "t.$": "$totl" }, End: true }\n',
    expect: ["8:47 state 'B' reads the variable $totl, which no state assigns before it"],
    hints: ['did you mean $total?'],
  },
  {
    name: 'ASL: a variable assigned only inside a branch (JSONata)',
    yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      QueryLanguage: JSONata\n      StartAt: P\n      States:\n        P:\n          Type: Parallel\n          Branches:\n            - StartAt: In\n              States: { In: { Type: Pass, Assign: { inner: 1 }, End: true } }\n          Next: Out\n        Out: { Type: Pass, Output: "{% $inner %}", End: true }\n',
    expect: ["14:36 state 'Out' reads the variable $inner, which no state assigns before it"],
  },
  {
    name: 'ASL: variables assigned on every way in, local bindings and functions passed by name are fine',
    yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      QueryLanguage: JSONata\n      StartAt: C\n      States:\n        C:\n          Type: Choice\n          Choices: [{ Condition: "{% $states.input.ok %}", Assign: { why: ok }, Next: D }]\n          Default: E\n        E: { Type: Pass, Assign: { why: no }, Next: D }\n        D: { Type: Pass, Output: "{% ($n := $count($states.input); $map([$why, $n], $string)) %}", End: true }\n',
    expect: [],
  },
  { name: 'ASL: a fractional ToleratedFailurePercentage, as AWS accepts', yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      StartAt: M\n      States:\n        M:\n          Type: Map\n          ToleratedFailurePercentage: 12.5\n          ItemProcessor: { StartAt: P, States: { P: { Type: Pass, End: true } } }\n          End: true\n', expect: [] },
  { name: 'ASL: unreachable state', yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      StartAt: A\n      States:\n        A: { Type: Succeed }\n        B: { Type: Pass, End: true }\n', expect: ["8:9 state 'B' is never reached"] },
  { name: 'ASL: unknown task function', yaml: 'name: shop\nfunctions:\n  validate: {}\nworkflows:\n  w:\n    definition:\n      StartAt: A\n      States:\n        A: { Type: Task, Resource: validat, End: true }\n', expect: ["9:36 Task 'A' invokes 'validat', which is not a function in functions"] },
  { name: 'ASL: invalid state fields', yaml: 'name: shop\nworkflows:\n  w:\n    definition:\n      StartAt: A\n      States:\n        A: { Type: Pass, End: true, Bogus: 1 }\n', expect: ["7:9 state 'A' is not valid ASL"] },
  { name: 'FIFO failure queue', yaml: 'name: shop\nqueues:\n  f: { fifo: true }\nfunctions:\n  a:\n    onFailure: { queue: f }\n', expect: ["6:25 FIFO queue 'f' cannot take failed invocations"] },
  { name: 'default bus declared', yaml: 'name: shop\nbuses:\n  default: {}\n', expect: ["3:3 'default' is the account's default event bus"] },
  { name: 'visibility timeout below consumer timeout', yaml: 'name: shop\nqueues:\n  q: { visibilityTimeout: 5 }\nfunctions:\n  a:\n    timeout: 30\n    triggers: [{ queue: q }]\n', expect: ["3:27 visibilityTimeout 5s is shorter than the timeout of consumer 'a'"] },
  { name: 'unterminated expression', yaml: 'name: shop\nqueues:\n  q: {}\nfunctions:\n  a:\n    environment:\n      QUEUE_ARN: x-${queues.q.arn\n', expect: ["7:20 '${queues.q.arn' is missing its closing '}'"] },
  { name: 'one-letter environment variable', yaml: 'name: shop\nfunctions:\n  a:\n    environment:\n      X: "1"\n', expect: ["5:7 'X' in functions.a.environment is not a valid environment variable name"] },
  { name: 'environment variable starting with _', yaml: 'name: shop\ndefaults:\n  environment:\n    _DEBUG: "1"\n', expect: ["4:5 '_DEBUG' in defaults.environment is not a valid environment variable name"] },
  { name: 'handler with spaces and shell characters', yaml: 'name: shop\nfunctions:\n  a: { handler: "a b;$(id).ts" }\n', expect: ['3:17 functions.a.handler: the string "a b;$(id).ts" is not a handler file'] },
  { name: 'reserved variable in a stage’s default environment', yaml: 'name: shop\nstages:\n  prod:\n    defaults:\n      environment:\n        AWS_REGION: eu-west-1\n', expect: ['6:9 AWS_REGION is reserved by Lambda'] },
  { name: 'nested too deeply (flow)', yaml: `name: shop\nresources:\n  x: ${'['.repeat(150)}${']'.repeat(150)}\n`, expect: ['3:104 nested too deeply: more than 100 levels'] },
  { name: 'nested too deeply (stack-deep)', yaml: `name: shop\nresources:\n  x: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, expect: [' nested too deeply: more than 100 levels'] },
  { name: 'CR-only line endings count as lines', yaml: 'name: shop\rfunctions:\r  a:\r    timout: 3\r', expect: ["4:5 unknown key 'timout' in functions.a"] },
  { name: 'function holding the URL of the API that invokes it', yaml: 'name: shop\nfunctions:\n  a:\n    environment: { URL: "${apis.api.url}" }\n    triggers: [{ http: GET /a }]\n', expect: ['3:3 circular dependency: AFunction → ApiHttpApi → AFunction'], synth: true },
  { name: 'override of an unknown logical ID', yaml: 'name: shop\nqueues:\n  q: {}\noverrides:\n  QQeueu: { Properties: { DelaySeconds: 5 } }\n', expect: ["5:3 overrides.QQeueu matches no generated resource"], synth: true },
  { name: 'a value of the wrong type: the setting described as the hint', yaml: 'name: shop\ndefaults:\n  memory: big\n', expect: ['3:11 defaults.memory must be a whole number, not the string "big"'], hints: ['MB, default 512'] },
  { name: 'express deploys: a string for a boolean', yaml: 'name: shop\nstages:\n  dev:\n    deploy: { express: yes }\n', expect: ['4:24 stages.dev.deploy.express must be true or false, not the string "yes"'], hints: ['CloudFormation express mode (DeploymentConfig.Mode EXPRESS): the operation completes once configuration is applied; not allowed on a production stage'] },
  { name: 'express deploys: a misspelt key', yaml: 'name: shop\nstages:\n  dev:\n    deploy: { expres: true }\n', expect: ["4:15 unknown key 'expres' in stages.dev.deploy"], hints: ["did you mean 'express'?"] },
  { name: 'requirements as a list', yaml: 'name: shop\nruntime: python3.13\nfunctions:\n  a:\n    requirements: [a]\n', expect: ['5:19 functions.a.requirements must be a string, not a list'], hints: ["Python only: the requirements.txt or pyproject.toml whose dependencies deploy packages with the function (default: defaults.requirements, else the code root's requirements.txt, else the project's)"] },
  { name: 'filterScope neither attributes nor body', yaml: 'name: shop\ntopics:\n  t:\n    subscriptions:\n      - email: a@example.com\n        filterScope: 3\n        filter: { kind: [a] }\n', expect: ['6:22 topics.t.subscriptions[0].filterScope must be one of attributes, body, not the number 3'], hints: ['what the filter policy matches: the message attributes (default) or the message body, as JSON (FilterPolicyScope MessageBody)'] },
  { name: 'resource colliding with a generated logical ID', yaml: 'name: shop\nqueues:\n  orders: {}\nresources:\n  OrdersQueue: { Type: AWS::SQS::Queue }\n', expect: ["5:3 resource 'OrdersQueue' has the logical ID of a resource eda generates for queues.orders"], synth: true },
];

describe('bad manifests', () => {
  it.each(cases)('$name', async ({ yaml, expect: expected, synth, hints }) => {
    let diagnostics: Diagnostic[];
    let manifest: unknown;
    if (synth) {
      const error = await compile({ cwd: '/nonexistent', text: yaml }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidAppError);
      diagnostics = (error as InvalidAppError).diagnostics;
    } else ({ diagnostics, manifest } = validateText(yaml, { cwd: '/nonexistent' }));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const got = errors.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(got.length, got.join('\n')).toBe(expected.length);
    expected.forEach((e, i) => expect(got[i]).toContain(e));
    if (expected.length) expect(manifest).toBeUndefined();
    if (hints) expect(errors.map((d) => d.hint)).toEqual(hints);
  });

  it('reports every problem of a file at once, sorted by position', () => {
    const yaml = 'name: shop\nfunctions:\n  a:\n    timout: 3\n    uses:\n      - table: nope\n    triggers:\n      - schedule: rate(0 days)\n';
    const { diagnostics } = validateText(yaml, { cwd: '/' });
    expect(diagnostics.map((d) => d.line)).toEqual([4, 6, 8]);
  });

  it('warns, with a position and the retrier to add, about Lambda tasks that do not retry transient errors', () => {
    const yaml = [
      'name: shop',
      'functions:',
      '  a: {}',
      'workflows:',
      '  w:',
      '    definition:',
      '      StartAt: A',
      '      States:',
      '        A: { Type: Task, Resource: a, Next: B }',
      '        B:',
      '          Type: Task',
      '          Resource: arn:aws:states:::lambda:invoke',
      '          Parameters: { FunctionName: "${functions.a.arn}" }',
      '          Retry: [{ ErrorEquals: [Lambda.ServiceException, Lambda.TooManyRequestsException] }]',
      '          Next: C',
      '        C: { Type: Task, Resource: a, Retry: [{ ErrorEquals: [States.ALL] }], Next: D }',
      '        D: { Type: Task, Resource: arn:aws:states:::sqs:sendMessage, Parameters: { QueueUrl: x, MessageBody: y }, End: true }',
      '',
    ].join('\n');
    const { diagnostics, manifest } = validateText(yaml, { cwd: '/' });
    expect(manifest).toBeDefined();
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`)).toEqual([
      "9:9 warning Task 'A' invokes a Lambda function but does not retry Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException",
      "10:9 warning Task 'B' invokes a Lambda function but does not retry Lambda.AWSLambdaException, Lambda.SdkClientException",
      "17:36 warning Task 'D' calls sqs:SendMessage on no resource eda can tell, so the workflow's role does not allow it", // not a Lambda task: no retry warning
    ]);
    expect(diagnostics[0]!.hint).toContain('Retry: [{ ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]');
  });

  it('warns about service integrations eda cannot grant, at their Resource', () => {
    const yaml = [
      'name: shop',
      'queues:',
      '  q: {}',
      'workflows:',
      '  w:',
      '    definition:',
      '      StartAt: A',
      '      States:',
      '        A: { Type: Task, Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: "${queues.q.url}", MessageBody: x }, Next: B }',
      '        B: { Type: Task, Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl.$: $.url, MessageBody: x }, Next: C }',
      '        C: { Type: Task, Resource: "arn:aws:states:::aws-sdk:s3:putObject", Parameters: { Bucket: b, Key: k }, Next: D }',
      '        D: { Type: Task, Resource: "arn:aws:states:::aws-sdk:ec2:describeInstances", Parameters: {}, End: true }',
      '',
    ].join('\n');
    const { diagnostics } = validateText(yaml, { cwd: '/' });
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message} | ${d.hint}`)).toEqual([
      "10:36 warning Task 'B' calls sqs:SendMessage on no resource eda can tell, so the workflow's role does not allow it | name the resource with an expression (QueueUrl: ${queues.NAME.url}); a JSONPath (.$) value cannot be granted, and a resource outside the app is granted with policies: on the workflow",
      "11:36 warning Task 'C' calls s3:PutObject on no resource eda can tell, so the workflow's role does not allow it | name the resource with an expression (Bucket: ${buckets.NAME.name}); a JSONPath (.$) value cannot be granted, and a resource outside the app is granted with policies: on the workflow",
      "12:36 warning Task 'D' calls ec2:DescribeInstances on no resource eda can tell, so the workflow's role does not allow it | eda grants nothing for this service: allow it with policies: on the workflow ({ actions: [ec2:DescribeInstances], resources: [<its ARN>] })",
    ]);
  });

  it('suggests the near raw resource for a typo in ${resources...}', () => {
    const { diagnostics } = validateText('name: shop\nresources:\n  Reports: { Type: AWS::S3::Bucket }\noutputs:\n  A: ${resources.Reprts}\n', { cwd: '/' });
    expect(diagnostics.map((d) => d.hint)).toEqual(["did you mean 'Reports'?"]);
  });

  it('suggests the near name for a typo', () => {
    const { diagnostics } = validateText('name: shop\nqueues:\n  payments: {}\nfunctions:\n  a:\n    uses: [{ queue: paymnets }]\n', { cwd: '/' });
    expect(diagnostics[0]!.hint).toBe("did you mean 'payments'?");
  });
});
