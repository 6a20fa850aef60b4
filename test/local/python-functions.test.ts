// Python handlers in the local runtime: one python3 process per environment, Lambda's context,
// environment, errors, timeouts, output and hot reload, as Lambda's Python runtime has them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerBundles } from '../../src/local/bundler.js';
import { realClock } from '../../src/local/clock.js';
import { functionEnvironment } from '../../src/local/env.js';
import { Functions } from '../../src/local/functions.js';
import { pythonInterpreter, pythonWarnings } from '../../src/local/python/interpreter.js';
import { Trace, type TraceEvent } from '../../src/local/trace.js';
import { addresses, makeApp, makeFunction } from './helpers.js';

// the machine's python3 may be older than the runtimes Lambda offers: run on it anyway

let dir: string;
let functions: Functions;
let bundles: HandlerBundles;
const events: TraceEvent[] = [];
const trace = new Trace();
trace.on((e) => events.push(e));

const handlers: Record<string, string> = {
  whoami: `import datetime, os, socket, sys, time, boto3
def handler(event, context):
    return {
        "time": time.time(), "builtinDatetime": type(datetime.datetime) is type,
        "stdin": sys.stdin.read(),
        "sync": socket.getaddrinfo("sync-127.0.0.1", 80)[0][4][0],
        "who": os.environ["WHO"], "fn": context.function_name, "id": context.aws_request_id,
        "arn": context.invoked_function_arn, "memory": context.memory_limit_in_mb,
        "group": context.log_group_name, "left": context.get_remaining_time_in_millis(),
        "root": os.environ["LAMBDA_TASK_ROOT"], "handler": os.environ["_HANDLER"], "cwd": os.getcwd(),
        "endpoint": os.environ["AWS_ENDPOINT_URL"],
        "dynamodb": boto3.client("dynamodb").meta.endpoint_url,
        "sqs": boto3.client("sqs").meta.endpoint_url,
        "region": boto3.session.Session().region_name,
    }
`,
  fails: `import logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
class PaymentDeclined(Exception):
    pass
def charge(amount):
    raise PaymentDeclined("card declined for %d" % amount)
def handler(event, context):
    print("about to charge", event["amount"])
    logger.info("charging %s", event["amount"])
    charge(event["amount"])
`,
  spin: `def handler(event, context):
    while event.get("spin"):
        pass
    return "alive"
`,
  broken: `import nope
def handler(event, context):
    return 1
`,
  values: `import decimal
def handler(event, context):
    if event.get("set"):
        return {"s": {1}}
    return {"price": decimal.Decimal("12.5"), "count": decimal.Decimal("3")}
`,
  version: `from handlers.lib import value
def handler(event, context):
    return value.VALUE
`,
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eda-py-'));
  mkdirSync(join(dir, 'src/handlers/lib'), { recursive: true });
  mkdirSync(join(dir, 'jobs'), { recursive: true });
  for (const [name, code] of Object.entries(handlers)) writeFileSync(join(dir, `src/handlers/${name}.py`), code);
  writeFileSync(join(dir, 'src/handlers/__init__.py'), '');
  writeFileSync(join(dir, 'src/handlers/lib/__init__.py'), '');
  writeFileSync(join(dir, 'src/handlers/lib/value.py'), 'VALUE = "v1"\n');
  writeFileSync(join(dir, 'jobs/nightly.py'), 'import os\ndef run(event, context):\n    return {"cwd": os.getcwd(), "handler": os.environ["_HANDLER"]}\n');
  const py = (name: string, parts = {}) => makeFunction(name, { runtime: 'python3.12', handlerFile: `src/handlers/${name}.py`, codeRoot: 'src', ...parts });
  const app = makeApp({
    functions: [
      py('whoami', { environment: [{ name: 'WHO', value: 'first' }], timeout: 5 }),
      py('fails'),
      py('spin', { timeout: 1 }),
      py('broken'),
      py('values'),
      py('version'),
      makeFunction('nightly', { runtime: 'python3.12', handlerFile: 'jobs/nightly.py', handlerExport: 'run', codeRoot: '.' }),
    ],
  });
  const addr = addresses(app);
  bundles = new HandlerBundles(dir, app.functions, join(dir, '.eda/dev/handlers'));
  await bundles.build();
  functions = new Functions({
    functions: app.functions,
    addresses: addr,
    bundles,
    trace,
    clock: realClock,
    cwd: dir,
    environment: (fn) => functionEnvironment(fn, addr, { cwd: dir, stateDir: join(dir, '.eda/dev') }),
  });
});

afterAll(async () => {
  await functions?.close();
  await bundles?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Python handlers in eda dev', () => {
  it('get the context, the environment and boto3 endpoints of the local services', async () => {
    const r = await functions.invoke('whoami', {}, { trigger: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const v = r.value as Record<string, unknown>;
    const services = (functions as unknown as { options: { environment: (f: unknown) => Record<string, string> } }).options.environment(functions.get('whoami')).AWS_ENDPOINT_URL_DYNAMODB;
    expect(v).toMatchObject({ who: 'first', fn: 'shop-dev-whoami', id: r.requestId, memory: '256', group: '/aws/lambda/shop-dev-whoami', root: join(dir, 'src'), cwd: join(dir, 'src'), handler: 'handlers.whoami.handler', region: 'eu-west-1', sync: '127.0.0.1', stdin: '' });
    expect(v.arn).toMatch(/^arn:aws:lambda:eu-west-1:\d{12}:function:shop-dev-whoami$/);
    expect(v.left as number).toBeGreaterThan(3000);
    expect(v.left as number).toBeLessThanOrEqual(5000);
    expect(services).toMatch(/^http:\/\/127\.0\.0\.1/);
    // on the real clock, time and datetime are Python's own
    expect(Math.abs((v.time as number) * 1000 - Date.now())).toBeLessThan(5000);
    expect(v.builtinDatetime).toBe(true);
    expect([v.endpoint, v.dynamodb, v.sqs]).toEqual([services, services, services]);
  });

  it('report an exception as the Python runtime does, with print() and logging output in the trace', async () => {
    const r = await functions.invoke('fails', { amount: 42 }, { trigger: 'test' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.errorType).toBe('PaymentDeclined');
    expect(r.error.errorMessage).toBe('card declined for 42');
    expect(r.error.trace).toHaveLength(2);
    expect(r.error.trace![0]).toMatch(/^ {2}File ".*handlers\/fails\.py", line 11, in handler\n {4}charge\(event\["amount"\]\)\n$/);
    expect(r.error.trace![1]).toMatch(/line 7, in charge\n/);
    const logs = events.flatMap((e) => (e.kind === 'log' && e.function === 'fails' && e.requestId === r.requestId ? [`${e.level} ${e.text}`] : []));
    expect(logs).toEqual(['INFO about to charge 42', 'INFO charging 42']);
  });

  it('time out as Lambda does, and the next invocation gets a new process', async () => {
    const r = await functions.invoke('spin', { spin: true }, { trigger: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: `${r.requestId} Task timed out after 1.00 seconds` });
    const again = await functions.invoke('spin', {}, { trigger: 'test' });
    expect(again).toMatchObject({ ok: true, value: 'alive' });
  });

  it('fail with Runtime.ImportModuleError when the module does not import', async () => {
    const r = await functions.invoke('broken', {}, { trigger: 'test' });
    expect(r).toMatchObject({ ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'handlers.broken': No module named 'nope'" } });
  });

  it('return Decimals as numbers and fail to marshal what JSON cannot hold', async () => {
    expect(await functions.invoke('values', {}, { trigger: 'test' })).toMatchObject({ ok: true, value: { price: 12.5, count: 3 } });
    const r = await functions.invoke('values', { set: true }, { trigger: 'test' });
    expect(r).toMatchObject({ ok: false, error: { errorType: 'Runtime.MarshalError', errorMessage: 'Unable to marshal response: {1} is not JSON serializable' } });
  });

  it('take the module.function form from the project folder', async () => {
    const r = await functions.invoke('nightly', {}, { trigger: 'test' });
    expect(r).toMatchObject({ ok: true, value: { cwd: dir, handler: 'jobs.nightly.run' } });
  });

  it('reload when a .py file under the code root changes', async () => {
    expect(await functions.invoke('version', {}, { trigger: 'test' })).toMatchObject({ ok: true, value: 'v1' });
    writeFileSync(join(dir, 'src/handlers/lib/value.py'), 'VALUE = "v2, longer"\n');
    expect(await functions.invoke('version', {}, { trigger: 'test' })).toMatchObject({ ok: true, value: 'v2, longer' });
  });
});

describe('the local Python interpreter', () => {
  it('is said to be missing, and its functions fail with that, when it does not run', async () => {
    const env = { EDA_PYTHON: join(dir, 'no-such-python') };
    expect(pythonWarnings(['python3.13', 'nodejs22.x', 'python3.13'], env)).toEqual([
      `python3.13 functions need Python 3.13, but ${env.EDA_PYTHON} does not run here: install Python 3.13 (or set EDA_PYTHON to its interpreter)`,
    ]);
    process.env.EDA_PYTHON = env.EDA_PYTHON;
    const fn = makeFunction('values', { runtime: 'python3.13', handlerFile: 'src/handlers/values.py', codeRoot: 'src' });
    const app = makeApp({ functions: [fn] });
    const addr = addresses(app);
    const alone = new HandlerBundles(dir, app.functions, join(dir, '.eda/dev/alone'));
    const without = new Functions({ functions: app.functions, addresses: addr, bundles: alone, trace, clock: realClock, cwd: dir, environment: (f) => functionEnvironment(f, addr, { cwd: dir, stateDir: join(dir, '.eda/dev') }) });
    try {
      const r = await without.invoke('values', {}, { trigger: 'test' });
      expect(r).toMatchObject({ ok: false, error: { errorType: 'Runtime.PythonUnavailable', errorMessage: pythonWarnings(['python3.13'], env)[0] } });
    } finally {
      delete process.env.EDA_PYTHON;
      await without.close();
      await alone.close();
    }
  });

  it('is said to be older than the runtime: a warning, and the handlers still run on it', () => {
    const older = pythonInterpreter('python3.99', { EDA_PYTHON: 'python3' });
    expect(older.problem).toMatch(/^python3\.99 functions run on Lambda's Python 3\.99, but python3 here is Python 3\.\d+: eda runs them on it anyway, so code needing a newer Python fails here only; install Python 3\.99 \(or set EDA_PYTHON to its interpreter\) for the same version$/);
    expect(older.accepted).toBe(true);
    const found = pythonInterpreter('python3.0', { EDA_PYTHON: 'python3' });
    expect(found.problem).toBeUndefined();
    // spawned by its absolute path, so the function's own environment cannot pick another Python
    expect(found.executable).toMatch(/^\/.*python/);
  });
});
