// Files that are not regular files, or that lead outside the project through a symbolic link,
// are refused at once: never read (a FIFO or /dev/zero would block or never end), never written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eda, tempDir, tempProject } from '../support/cli.js';

const workflowApp = `name: shop
functions:
  step: {}
workflows:
  flow:
    definition: workflows/flow.asl.json
`;
const definition = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'step', End: true } } });

/** Runs eda with a short timeout: a command that hangs on a special file fails the test. */
const run = (args: string[]) => eda(args, { env: {} });

describe('special files', () => {
  it('a workflow definition linked to /dev/zero is refused at its position', async () => {
    const dir = tempProject({ 'app.yaml': workflowApp });
    mkdirSync(path.join(dir, 'workflows'));
    symlinkSync('/dev/zero', path.join(dir, 'workflows/flow.asl.json'));
    const r = await run(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:6:17: error 'workflows/flow.asl.json' leads outside the project folder (to /dev/zero) through a symbolic link");
  }, 20_000);

  it('a workflow definition that is a FIFO is refused without opening it', async () => {
    const dir = tempProject({ 'app.yaml': workflowApp });
    mkdirSync(path.join(dir, 'workflows'));
    execFileSync('mkfifo', [path.join(dir, 'workflows/flow.asl.json')]);
    const r = await run(['synth', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:6:17: error 'workflows/flow.asl.json' is a named pipe (FIFO), not a regular file");
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
  }, 20_000);

  it('a workflow definition linked to a file outside the project is refused', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'flow.asl.json'), definition);
    const dir = tempProject({ 'app.yaml': workflowApp });
    mkdirSync(path.join(dir, 'workflows'));
    symlinkSync(path.join(outside, 'flow.asl.json'), path.join(dir, 'workflows/flow.asl.json'));
    const r = await run(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:6:17: error 'workflows/flow.asl.json' leads outside the project folder");
  });

  it('a workflow definition over 1 MB is refused', async () => {
    const dir = tempProject({ 'app.yaml': workflowApp, 'workflows/flow.asl.json': `${definition}${' '.repeat(1024 * 1024)}` });
    const r = await run(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:6:17: error 'workflows/flow.asl.json' is 1048651 bytes; eda reads at most 1048576");
  });

  it('a handler linked to /dev/zero stops synth at the function, nothing written', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nfunctions:\n  hello:\n    triggers: [{ http: GET /hello }]\n' });
    mkdirSync(path.join(dir, 'src/handlers'), { recursive: true });
    symlinkSync('/dev/zero', path.join(dir, 'src/handlers/hello.ts'));
    const r = await run(['synth', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:3:3: error 'src/handlers/hello.ts' leads outside the project folder (to /dev/zero) through a symbolic link");
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
  }, 20_000);

  it('a src/generated/ linked outside the project is never written through', async () => {
    const outside = tempDir();
    const dir = tempProject({ 'app.yaml': 'name: shop\nqueues:\n  jobs: {}\nfunctions:\n  worker:\n    uses: [{ queue: jobs }]\n' });
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'src/generated'));
    const r = await run(['synth', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("'src/generated/resources.ts' leads outside the project folder");
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
  });

  it('a handler that is a FIFO inside the project stops validate at its handler: value', async () => {
    const dir = tempProject({ 'app.yaml': 'name: shop\nfunctions:\n  hello:\n    handler: src/hello.ts\n' });
    mkdirSync(path.join(dir, 'src'));
    execFileSync('mkfifo', [path.join(dir, 'src/hello.ts')]);
    const r = await run(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("app.yaml:4:14: error 'src/hello.ts' is a named pipe (FIFO), not a regular file");
  }, 20_000);

  it('an app.yaml that is a FIFO is refused without opening it', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'app.yaml')]);
    const r = await run(['validate', '--cwd', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('app.yaml: \'app.yaml\' is a named pipe (FIFO), not a regular file');
  }, 20_000);
});
