// A function invoked by a kind of invoker other than the one its handler is typed for gets a
// positioned warning naming both kinds (validate still passes: the app deploys, then fails).
import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/pipeline/validate.js';
import { eda, tempProject } from '../support/cli.js';

function warnings(yaml: string): string[] {
  const { diagnostics, manifest } = validateText(yaml, { cwd: '/nonexistent' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(manifest).toBeDefined();
  return diagnostics.filter((d) => d.code === 'handler-kind').map((d) => `${d.line}:${d.col} ${d.message} | ${d.hint}`);
}

const worker = 'name: shop\nqueues:\n  jobs: {}\nfunctions:\n  jobWorker:\n    triggers:\n      - queue: jobs\n';

describe('handler kinds', () => {
  it('a queue consumer used as a workflow task', () => {
    expect(warnings(`${worker}workflows:\n  flow:\n    definition:\n      StartAt: Work\n      States:\n        Work: { Type: Task, Resource: jobWorker, End: true }\n`)).toEqual([
      "13:39 function 'jobWorker' is a queue consumer (its queue trigger) but is also invoked as a workflow task by workflow 'flow' (state Work); its handler is typed for queue messages (event.Records), not workflow task input (the state's input) | give the workflow its own function, or let the task send to the queue (Resource: arn:aws:states:::sqs:sendMessage) so 'jobWorker' keeps reading messages",
    ]);
  });

  it('a queue consumer as a rule target, and through lambda:invoke in a nested branch', () => {
    const yaml = `${worker}rules:\n  nightly:\n    schedule: rate(1 day)\n    targets:\n      - function: jobWorker\nworkflows:\n  flow:\n    definition:\n      StartAt: P\n      States:\n        P:\n          Type: Parallel\n          End: true\n          Branches:\n            - StartAt: Call\n              States:\n                Call:\n                  Type: Task\n                  Resource: arn:aws:states:::lambda:invoke\n                  Parameters: { FunctionName: "\${functions.jobWorker.arn}" }\n                  End: true\n`;
    const got = warnings(yaml);
    expect(got.map((w) => w.split(' | ')[0]!.replace(/;.*/, ''))).toEqual([
      "12:19 function 'jobWorker' is a queue consumer (its queue trigger) but is also invoked as an EventBridge target by rule 'nightly'",
      "27:47 function 'jobWorker' is a queue consumer (its queue trigger) but is also invoked as a workflow task by workflow 'flow' (state Call)",
    ]);
    expect(got[0]).toContain('| target the queue from the rule instead');
  });

  it('an http function also consuming a queue', () => {
    expect(warnings('name: shop\nqueues:\n  jobs: {}\nfunctions:\n  api:\n    triggers:\n      - http: GET /jobs\n      - queue: jobs\n').map((w) => w.split(';')[0])).toEqual([
      "8:16 function 'api' is an HTTP handler (its http trigger) but is also invoked as a queue consumer by its queue trigger",
    ]);
  });

  it('kinds that share an event shape are fine', () => {
    const yaml = 'name: shop\nfunctions:\n  tick:\n    triggers:\n      - schedule: rate(1 hour)\n      - event: { pattern: { source: [shop] } }\nrules:\n  r:\n    pattern: { source: [other] }\n    targets: [{ function: tick }]\nworkflows:\n  flow:\n    definition: { StartAt: A, States: { A: { Type: Task, Resource: step, End: true } } }\n';
    expect(warnings(yaml.replace('functions:\n', 'functions:\n  step: {}\n'))).toEqual([]);
  });

  it('eda validate prints the warning after `eda add workflow --task`, and exits 0', async () => {
    const dir = tempProject({ 'app.yaml': worker });
    const add = await eda(['add', 'workflow', 'flow', '--task', 'jobWorker', '--yes', '--cwd', dir]);
    expect(add.exitCode, add.stderr).toBe(0);
    const r = await eda(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/app\.yaml:\d+:\d+: warning function 'jobWorker' is a queue consumer \(its queue trigger\) but is also invoked as a workflow task/);
    expect(r.stderr).toContain('hint: give the workflow its own function');
  });
});
