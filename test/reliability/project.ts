// A throwaway project for the reliability tests: handler sources written to a temp folder
// and the whole local runtime started on free loopback ports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal, type LocalOptions, type LocalRuntime } from '../../src/local/runtime.js';
import type { App } from '../../src/model/types.js';
import { Trace, type TraceEvent } from '../../src/local/trace.js';

export interface Project {
  dir: string;
  runtime: LocalRuntime;
  events: TraceEvent[];
  stop(): Promise<void>;
}

export async function startProject(app: App, handlers: Record<string, string>, options: Partial<LocalOptions> = {}): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'eda-reliability-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  for (const [name, code] of Object.entries(handlers)) writeFileSync(join(dir, `src/handlers/${name}.ts`), code);
  const events: TraceEvent[] = [];
  const trace = new Trace();
  trace.on((e) => void events.push(e));
  const runtime = await startLocal({ app, cwd: dir, port: 0, trace, watch: false, ...options });
  return {
    dir,
    runtime,
    events,
    stop: async () => {
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function until<T>(fn: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
