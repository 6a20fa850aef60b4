// One app using every piece of event plumbing at once — filters on queue and stream triggers,
// input transformers on rule targets and triggers, onSuccess/onFailure destinations of each
// kind with retries and event age, a standard and a FIFO shared dead-letter queue — synthesized
// by the real CLI, clean under cfn-lint and accepted by the SAM translator; and a mistake in it
// reported by `eda validate` at its line and column, with nothing written.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, tempProject } from '../support/cli.js';

const app = `name: plumbing
queues:
  dead: { retention: 14d }
  dead-fifo: { fifo: true, retention: 14d }
  orders: { dlq: { queue: dead, maxReceives: 2 } }
  payments: { dlq: { queue: dead } }
  ledger: { fifo: true, dlq: { queue: dead-fifo } }
  results: {}
  greetings: {}
topics:
  outcomes: {}
buses:
  audit: {}
tables:
  items: { partitionKey: id, stream: newAndOld }
functions:
  onOrder:
    triggers:
      - queue: orders
        filter: [{ body: { region: [{ prefix: us- }] } }, { messageAttributes: { kind: { stringValue: [urgent] } } }]
  onItem:
    triggers:
      - stream: items
        filter: { eventName: [INSERT, MODIFY], dynamodb: { NewImage: { status: { S: [failed] } } } }
    onFailure: { topic: outcomes }
  work:
    maximumRetryAttempts: 1
    maximumEventAgeSeconds: 3600
    onSuccess: { bus: audit }
    onFailure: { function: onOrder }
  publish:
    onSuccess: { topic: outcomes }
    onFailure: { queue: results }
  hourly:
    triggers:
      - schedule: rate(1 hour)
        inputTemplate: '{"rule": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>}'
rules:
  greet:
    bus: audit
    pattern: { source: [shop] }
    targets:
      - queue: greetings
        inputPaths: { name: $.detail.name, id: "$.detail.items[0].id" }
        inputTemplate: '{"who": <name>, "line": "hello <name>", "first": <id>, "event": <aws.events.event.json>}'
      - function: work
        inputPaths: { name: $.detail.name }
        inputTemplate: '"<name> is here"'
`;

describe('event plumbing in a template', () => {
  it('is clean under cfn-lint and accepted by the SAM translator', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const file = path.join(dir, 'template.yaml');
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([file]);
    expect(translated!.errors ?? []).toEqual([]);
    expect(Object.values(translated!.resources!).filter((t) => t === 'AWS::Lambda::EventInvokeConfig')).toHaveLength(4);
  }, 300_000);

  it('stops eda validate at the mistake, with its position and a hint, writing nothing', async () => {
    const broken = app.replace('inputTemplate: \'"<name> is here"\'', 'inputTemplate: \'"<nmae> is here"\'');
    const dir = tempProject({ 'app.yaml': broken });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("app.yaml:48:26");
    expect(run.stderr).toContain("<nmae> is neither an input path nor one of EventBridge's placeholders");
    expect(run.stderr).toContain('did you mean <name>?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'src'))).toBe(false);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(broken);
  }, 120_000);
});
