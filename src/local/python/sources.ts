// The sources of a project's Python functions, for hot reload: nothing is built (Python
// imports the .py files as they are), so a function's "build" is a fingerprint of the .py
// files under its code root; when it changes the function's version goes up and its worker
// processes are replaced on their next invocation.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FunctionModel } from '../../model/types.js';

/** Folders never part of a function's sources (nor of its package). */
export const SKIPPED_FOLDERS = new Set(['__pycache__', 'node_modules', '.venv', 'venv', 'tests', 'test']);

export interface PythonState {
  file: string;
  version: number;
  hash: string;
}

export class PythonSources {
  private states = new Map<string, PythonState>();

  constructor(
    private readonly cwd: string,
    private readonly functions: FunctionModel[],
  ) {}

  /** The absolute code roots of the functions (deduplicated). */
  roots(): string[] {
    return [...new Set(this.functions.map((f) => resolve(this.cwd, f.codeRoot ?? '.')))];
  }

  state(name: string): PythonState | undefined {
    return this.states.get(name);
  }

  /** Whether a .py file under a code root changed since the last scan. */
  changed(): boolean {
    const prints = new Map(this.roots().map((root) => [root, fingerprint(root)]));
    return this.functions.some((f) => this.states.get(f.name)?.hash !== prints.get(resolve(this.cwd, f.codeRoot ?? '.')));
  }

  /** Rescans the code roots; returns the functions whose sources changed. */
  scan(): string[] {
    const prints = new Map(this.roots().map((root) => [root, fingerprint(root)]));
    const changed: string[] = [];
    for (const f of this.functions) {
      const hash = prints.get(resolve(this.cwd, f.codeRoot ?? '.'))!;
      const previous = this.states.get(f.name);
      if (previous?.hash === hash) continue;
      this.states.set(f.name, { file: resolve(this.cwd, f.handlerFile), version: (previous?.version ?? 0) + 1, hash });
      changed.push(f.name);
    }
    return changed;
  }
}

/** Paths, sizes and modification times of the .py files under a folder. */
function fingerprint(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) walk(full);
      } else if (e.name.endsWith('.py')) {
        try {
          const s = statSync(full);
          parts.push(`${full}:${s.size}:${s.mtimeMs}`);
        } catch {
          // removed meanwhile
        }
      }
    }
  };
  walk(root);
  return parts.sort().join('\n');
}
