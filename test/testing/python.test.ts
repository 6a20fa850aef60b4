// eda/testing drives Python handlers as eda dev runs them: boto3 reaches the app's table,
// a queue worker's batchItemFailures are retried until the DLQ, and a mocked Python function
// never starts Python.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../src/testing/index.js';

// the machine's python3 may be older than the runtimes Lambda offers: run on it anyway

let dir: string;
let app: TestApp;

const files: Record<string, string> = {
  'app.yaml': `name: pyshop
runtime: python3.12
functions:
  saveOrder:
    uses: [{ table: orders }]
  worker:
    triggers: [{ queue: jobs }]
  audit:
    uses: [{ table: orders, access: read }]
  clock: {}
tables:
  orders:
    partitionKey: id
queues:
  jobs:
    visibilityTimeout: 30
    dlq: { maxReceives: 2 }
`,
  'src/handlers/saveOrder.py': `import os, boto3
table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE_NAME"])
def handler(event, context):
    table.put_item(Item={"id": event["id"], "total": event["total"]})
    return table.get_item(Key={"id": event["id"]})["Item"]
`,
  'src/handlers/worker.py': `import json
def handler(event, context):
    failures = []
    for record in event["Records"]:
        body = json.loads(record["body"])
        print("job", body["n"])
        if body.get("bad"):
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
`,
  'src/handlers/audit.py': `import os
open(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "..", "audit-started"), "w").close()
def handler(event, context):
    return "real audit"
`,
  'src/handlers/clock.py': `import time
from datetime import date, datetime, timezone
import datetime as dt
def handler(event, context):
    now = datetime.now(timezone.utc)
    return {
        "time": time.time(),
        "timeNs": time.time_ns(),
        "now": now.isoformat(),
        "utcnow": datetime.utcnow().isoformat(),
        "today": date.today().isoformat(),
        "module": dt.datetime.now(timezone.utc).isoformat(),
        "isDatetime": isinstance(now, dt.datetime) and isinstance(dt.datetime.fromisoformat("2020-01-01"), datetime),
        "remainingMs": context.get_remaining_time_in_millis(),
    }
`,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-pytest-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  app = await startApp({ cwd: dir, startTime: '2030-06-01T22:30:00Z' });
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('eda/testing with Python handlers', () => {
  it('invokes a Python handler whose boto3 calls reach the local table', async () => {
    const r = await app.invoke('saveOrder', { id: 'o-1', total: 42 });
    expect(r).toMatchObject({ ok: true, value: { id: 'o-1', total: 42 } });
    expect(await app.table('orders').get({ id: 'o-1' })).toEqual({ id: 'o-1', total: 42 });
  });

  it("retries a queue worker's batchItemFailures until the DLQ, deleting the others", async () => {
    await app.send('jobs', { n: 1 });
    await app.send('jobs', { n: 2, bad: true });
    await app.settle();
    expect(app.queue('jobs').messages).toEqual([]);
    expect(app.queue('jobs').dlq.messages.map((m) => m.data)).toEqual([{ n: 2, bad: true }]);
    const jobs = app.trace.flatMap((h) => (h.kind === 'log' && h.function === 'worker' ? [h.text] : []));
    expect(jobs.sort()).toEqual(['job 1', 'job 2', 'job 2']);
  });

  it("reads the app's virtual clock in time and datetime, moving with advance()", async () => {
    await app.advance('2h');
    const expected = app.now().getTime();
    const r = await app.invoke('clock', {});
    expect(r.ok).toBe(true);
    const v = r.value as Record<string, string | number | boolean>;
    const near = (ms: number) => expect(Math.abs(ms - expected)).toBeLessThan(1000);
    near((v.time as number) * 1000);
    near((v.timeNs as number) / 1e6);
    near(Date.parse(v.now as string));
    near(Date.parse(v.module as string));
    near(Date.parse(`${v.utcnow as string}Z`));
    const local = new Date(expected); // date.today() is the local date, as Node's
    expect(v.today).toBe(`${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`);
    expect(v.isDatetime).toBe(true);
    // the timeout is wall time: the deadline is not moved by the virtual clock
    expect(v.remainingMs).toBeGreaterThan(1000);
  });

  it('replaces a mocked Python function without starting Python', async () => {
    app.mock('audit', (event) => ({ mocked: event }));
    expect(await app.invoke('audit', { id: 'o-1' })).toMatchObject({ ok: true, value: { mocked: { id: 'o-1' } } });
    expect(existsSync(join(dir, 'audit-started'))).toBe(false);
    app.unmock('audit');
    expect(await app.invoke('audit', {})).toMatchObject({ ok: true, value: 'real audit' });
    expect(existsSync(join(dir, 'audit-started'))).toBe(true);
  });
});
