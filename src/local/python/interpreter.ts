// Which local Python runs a Python function: EDA_PYTHON when set, else python3.<minor> of the
// function's runtime when it runs here, else python3. One older than the runtime is a warning
// (eda dev says so at start, and the handlers run on it); none at all is a warning too, and
// then that function's invocations fail saying what to install.
import { spawnSync } from 'node:child_process';

export interface PythonInterpreter {
  /** The command that starts it (as named: python3, EDA_PYTHON's value). */
  command: string;
  /** Its executable's absolute path (what is spawned: a version manager's shim or PATH lookup could pick another Python in the function's environment). */
  executable?: string;
  /** major.minor, when a Python answered. */
  version?: string;
  /** Why it cannot run the runtime's handlers (missing, older); undefined when it can. */
  problem?: string;
  /** The problem is only a warning (an older Python): the handlers run on it. */
  accepted?: boolean;
}

const probed = new Map<string, { version: string; executable: string } | undefined>();

/** The major.minor version and executable `command` reports, undefined when it does not run. Cached. */
export function probePython(command: string): { version: string; executable: string } | undefined {
  if (probed.has(command)) return probed.get(command);
  const r = spawnSync(command, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2]); print(sys.executable)'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const [version = '', executable = ''] = r.status === 0 ? r.stdout.trim().split('\n') : [];
  const found = /^\d+\.\d+$/.test(version) ? { version, executable: executable.trim() || command } : undefined;
  probed.set(command, found);
  return found;
}

const minorOf = (v: string) => Number(v.split('.')[1]);

/** The interpreter for a runtime such as python3.13. */
export function pythonInterpreter(runtime: string, env: NodeJS.ProcessEnv = process.env): PythonInterpreter {
  const wanted = runtime.replace(/^python/, '');
  const candidates = env.EDA_PYTHON ? [env.EDA_PYTHON] : [`python${wanted}`, 'python3'];
  const found = candidates.flatMap((command) => {
    const p = probePython(command);
    return p ? [{ command, ...p }] : [];
  });
  const suitable = found.find((c) => c.version!.startsWith('3.') && minorOf(c.version!) >= minorOf(wanted));
  if (suitable) return suitable;
  const older = found[0];
  if (older) {
    return {
      ...older,
      accepted: true,
      problem: `${runtime} functions run on Lambda's Python ${wanted}, but ${older.command} here is Python ${older.version}: eda runs them on it anyway, so code needing a newer Python fails here only; install Python ${wanted} (or set EDA_PYTHON to its interpreter) for the same version`,
    };
  }
  return { command: candidates[0]!, problem: `${runtime} functions need Python ${wanted}, but ${candidates.join(' and ')} ${candidates.length > 1 ? 'do' : 'does'} not run here: install Python ${wanted} (or set EDA_PYTHON to its interpreter)` };
}

/** One warning per Python runtime the functions use whose local interpreter has a problem. */
export function pythonWarnings(runtimes: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const python = [...new Set(runtimes.filter((r) => r.startsWith('python')))].sort();
  return python.flatMap((r) => {
    const problem = pythonInterpreter(r, env).problem;
    return problem ? [problem] : [];
  });
}
