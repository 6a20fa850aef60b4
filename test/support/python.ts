// Python checkers for generated code: py_compile with the local python3, and mypy (Debian's
// python3-mypy, run by the system python when python3 on PATH has no mypy).
import { execa } from 'execa';

export interface PyRun {
  exitCode: number;
  output: string;
}

async function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<PyRun> {
  const r = await execa(cmd, args, { cwd, reject: false, timeout: 300_000, env: { PYTHONDONTWRITEBYTECODE: '1', ...env } });
  return { exitCode: r.exitCode ?? 1, output: `${r.stdout}${r.stderr}`.trim() };
}

let mypyPython: string | undefined;

/** The python that has mypy: python3 on PATH, else /usr/bin/python3 (python3-mypy). */
async function pythonWithMypy(): Promise<string> {
  if (mypyPython) return mypyPython;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = await execa(candidate, ['-m', 'mypy', '--version'], { reject: false });
    if (r.exitCode === 0) return (mypyPython = candidate);
  }
  throw new Error('mypy is not installed: apt-get install -y python3-mypy');
}

/** mypy --strict on files (relative to cwd, which is the code root the handlers import from). */
export async function mypy(cwd: string, files: string[]): Promise<PyRun> {
  return run(await pythonWithMypy(), ['-m', 'mypy', '--strict', '--explicit-package-bases', '--no-incremental', '--cache-dir', '/dev/null', ...files], cwd);
}

/** python3 -m py_compile on files: a syntax error is a non-zero exit. */
export async function pyCompile(cwd: string, files: string[]): Promise<PyRun> {
  return run('python3', ['-m', 'py_compile', ...files], cwd);
}

/** python3 -c code, in cwd. */
export async function python(cwd: string, code: string, env: Record<string, string> = {}): Promise<PyRun> {
  return run('python3', ['-c', code], cwd, env);
}
