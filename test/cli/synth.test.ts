// eda validate / eda synth as a user runs them: exit codes, messages, files written or not.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, eda, repoRoot, tempProject } from '../support/cli.js';

const minimal = `name: hello
functions:
  hello:
    triggers:
      - http: GET /hello
  worker:
    uses:
      - queue: jobs
    triggers:
      - queue: jobs
queues:
  jobs: {}
`;

describe('eda synth', () => {
  it('writes template.yaml, typed stubs for new handlers and the resources module', async () => {
    const dir = tempProject({ 'app.yaml': minimal });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('create  template.yaml');
    expect(run.stdout).toContain('create  src/handlers/hello.ts');
    const hello = readFileSync(path.join(dir, 'src/handlers/hello.ts'), 'utf8');
    expect(hello).toContain("import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';");
    const worker = readFileSync(path.join(dir, 'src/handlers/worker.ts'), 'utf8');
    expect(worker).toContain('Promise<SQSBatchResponse>');
    expect(worker).toContain('resources.queues.jobs.url');
    const resources = readFileSync(path.join(dir, 'src/generated/resources.ts'), 'utf8');
    expect(resources).toContain('"JOBS_QUEUE_URL"');
  });

  it('never touches a handler the user wrote', async () => {
    const mine = 'export const handler = async () => "mine";\n';
    const dir = tempProject({ 'app.yaml': minimal, 'src/handlers/hello.ts': mine });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('keep    src/handlers/hello.ts');
    expect(readFileSync(path.join(dir, 'src/handlers/hello.ts'), 'utf8')).toBe(mine);
  });

  it('is deterministic: a second run changes nothing, byte for byte', async () => {
    const dir = copyExample('order-pipeline');
    await eda(['synth', '--cwd', dir]);
    const first = readFileSync(path.join(dir, 'template.yaml'));
    const again = await eda(['synth', '--cwd', dir]);
    expect(again.stdout).toContain('same    template.yaml');
    expect(readFileSync(path.join(dir, 'template.yaml')).equals(first)).toBe(true);
  });

  it('--check exits 1 when generated files are stale, 0 when fresh, and writes nothing', async () => {
    const dir = tempProject({ 'app.yaml': minimal });
    const stale = await eda(['synth', '--check', '--cwd', dir]);
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('stale template.yaml (missing)');
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
    await eda(['synth', '--cwd', dir]);
    expect((await eda(['synth', '--check', '--cwd', dir])).exitCode).toBe(0);
    writeFileSync(path.join(dir, 'app.yaml'), minimal.replace('jobs: {}', 'jobs: { delay: 5 }'));
    const changed = await eda(['synth', '--check', '--cwd', dir]);
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toContain('stale template.yaml (out of date)');
  });

  it('--out and --stage choose the file and the stage', async () => {
    const dir = copyExample('order-pipeline');
    const run = await eda(['synth', '--cwd', dir, '--stage', 'prod', '--out', 'prod.yaml']);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'prod.yaml'), 'utf8')).toContain('MemorySize: 1024');
  });

  it('--out replaces an earlier template only: app.yaml, a generated file or another existing file is refused (exit 2, nothing written)', async () => {
    const dir = copyExample('order-pipeline');
    const app = readFileSync(path.join(dir, 'app.yaml'), 'utf8');
    const own = await eda(['synth', '--cwd', dir, '--out', 'app.yaml']);
    expect(own.exitCode).toBe(2);
    expect(own.stderr).toBe('error --out app.yaml is the app itself: the template cannot go there\nhint  write the template to a new file, e.g. --out build/template.yaml');
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(app);
    const generated = await eda(['synth', '--cwd', dir, '--out', 'src/generated/resources.ts']);
    expect(generated.exitCode).toBe(2);
    expect(generated.stderr).toContain('error --out src/generated/resources.ts is a file eda synth also writes: the template cannot go there');
    expect((await eda(['synth', '--cwd', dir, '--out', 'src/handlers/getOrder.ts'])).stderr).toContain('is a file eda synth also writes');
    writeFileSync(path.join(dir, 'notes.yaml'), 'todo: [alarms]\n');
    const other = await eda(['synth', '--cwd', dir, '--out', 'notes.yaml']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain('error --out notes.yaml already exists and is not a template eda wrote: eda does not overwrite it');
    expect(readFileSync(path.join(dir, 'notes.yaml'), 'utf8')).toBe('todo: [alarms]\n');
    // an earlier template (the default one included) is replaced as before
    expect((await eda(['synth', '--cwd', dir, '--out', 'template.yaml'])).exitCode).toBe(0);
    expect((await eda(['synth', '--cwd', dir, '--out', 'prod.yaml'])).exitCode).toBe(0);
    expect((await eda(['synth', '--cwd', dir, '--out', 'prod.yaml', '--stage', 'prod'])).exitCode).toBe(0);
  });

  it('--json prints a machine-readable summary', async () => {
    const dir = tempProject({ 'app.yaml': minimal });
    const run = await eda(['synth', '--json', '--cwd', dir]);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, app: 'hello', stage: 'dev' });
    expect(out.files).toContainEqual({ path: 'template.yaml', action: 'CREATE' });
  });

  it('writes nothing when the app is invalid, and says where, without a stack trace', async () => {
    const dir = tempProject({ 'app.yaml': minimal.replace('- queue: jobs\n    triggers', '- queue: jbos\n    triggers') });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("app.yaml:8:16: error queue 'jbos' is not declared under queues");
    expect(run.stderr).toContain("hint: did you mean 'jobs'?");
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'src'))).toBe(false);
  });

  it('says when alarms notify a topic nobody is subscribed to, and how to subscribe', async () => {
    const dir = tempProject({ 'app.yaml': minimal });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('! 5 alarms notify the alerts topic, but nothing is subscribed to it');
    expect(run.stdout).toContain('hint: set monitoring.alertEmail in app.yaml, or subscribe to the topic in the stack output AlertsTopicArn after deploying');
    const json = JSON.parse((await eda(['synth', '--json', '--cwd', dir])).stdout);
    expect(json.alerts).toMatchObject({ alarms: 5, topic: 'MonitoringAlertsTopic', output: 'AlertsTopicArn', subscribers: [] });
    expect(json.alerts.hint).toContain('monitoring.alertEmail');
    writeFileSync(path.join(dir, 'app.yaml'), `${minimal}monitoring: { alertEmail: ops@example.com }\n`);
    const subscribed = await eda(['synth', '--cwd', dir]);
    expect(subscribed.stdout).not.toContain('nothing is subscribed');
    expect(JSON.parse((await eda(['synth', '--json', '--cwd', dir])).stdout).alerts).toEqual({ alarms: 5, topic: 'MonitoringAlertsTopic', output: 'AlertsTopicArn', subscribers: ['ops@example.com'] });
    // A subscription declared under resources: counts too.
    const pager = 'resources:\n  Pager:\n    Type: AWS::SNS::Subscription\n    Properties: { Protocol: https, Endpoint: "https://pager.example.com", TopicArn: { Ref: MonitoringAlertsTopic } }\n';
    writeFileSync(path.join(dir, 'app.yaml'), `${minimal}${pager}`);
    const raw = await eda(['synth', '--json', '--cwd', dir]);
    expect(JSON.parse(raw.stdout).alerts.subscribers).toEqual(['resources.Pager']);
  });

  it('refuses a CORS origin with a path and a throttle of zero, at their positions', async () => {
    const dir = tempProject({ 'app.yaml': `${minimal}apis:\n  api:\n    cors: { origins: [https://app.example.com/x] }\n    throttle: { rate: 0 }\n` });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('app.yaml:15:23: error apis.api.cors.origins[0]: the string "https://app.example.com/x" is not an origin');
    expect(run.stderr).toContain('hint: write the scheme and host (and port) with no path, e.g. https://app.example.com, or * for any origin');
    expect(run.stderr).toContain('app.yaml:16:23: error apis.api.throttle.rate must be > 0 (it is 0)');
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
  });

  it('explains a missing app.yaml in one sentence', async () => {
    const dir = tempProject({});
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`error no app.yaml in ${dir}`);
    expect(run.stderr).toContain('eda new');
  });
});

describe('eda validate', () => {
  it('says what the app holds when it is valid', async () => {
    const run = await eda(['validate', '--cwd', 'examples/order-pipeline']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/✓ app.yaml is valid — shop \(dev\): 8 functions, 1 api, 1 table, 2 queues, 1 topic, 1 bus, 2 rules, 1 workflow; \d+ CloudFormation resources/);
  });

  it('--json lists diagnostics with positions and exits 1', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nqueues:\n  q:\n    delay: 2000\n' });
    const run = await eda(['validate', '--json', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.valid).toBe(false);
    expect(out.diagnostics[0]).toMatchObject({ file: 'app.yaml', line: 4, col: 12, severity: 'error', code: 'schema-range' });
  });

  it('prints warnings but succeeds', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nqueues:\n  q: {}\nfunctions:\n  a: { triggers: [{ queue: q }] }\n  b: { triggers: [{ queue: q }] }\n' });
    const run = await eda(['validate', '--cwd', dir]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("app.yaml:6:19: warning queue 'q' is consumed by a and b");
  });

  it('uses exit code 2 for usage errors', async () => {
    const run = await eda(['synth', '--bogus']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
    expect((await eda(['nosuchcommand'])).exitCode).toBe(2);
  });

  it('shows a stack trace only when asked', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nworkflows:\n  w:\n    definition: missing.asl.json\n' });
    const run = await eda(['validate', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("app.yaml:4:17: error workflow definition file 'missing.asl.json' does not exist");
  });
});

describe('eda --help', () => {
  it('lists the commands', async () => {
    const run = await eda(['--help']);
    expect(run.exitCode).toBe(0);
    for (const c of ['validate', 'synth']) expect(run.stdout).toContain(c);
  });
});

describe('stages', () => {
  it('warns when --stage names a stage app.yaml does not declare', async () => {
    const run = await eda(['validate', '--cwd', 'examples/order-pipeline', '--stage', 'prdo']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("warning stage 'prdo' is not declared under stages, so no stage overrides apply");
    expect(run.stderr).toContain("hint: did you mean 'prod'?");
    expect(run.stdout).toContain('shop (prdo)');
  });
});

describe('output to a closed pipe', () => {
  it('ends quietly when the reader goes away (eda … | head)', async () => {
    const { execa } = await import('execa');
    const r = await execa('bash', ['-c', `node ${JSON.stringify(path.join(repoRoot, 'bin', 'eda.js'))} validate --json --cwd examples/order-pipeline | head -c 1; echo; for i in 1 2 3; do node ${JSON.stringify(path.join(repoRoot, 'bin', 'eda.js'))} --help | head -c 1; done`], { cwd: repoRoot, reject: false });
    expect(r.stderr).not.toContain('EPIPE');
  });
});
