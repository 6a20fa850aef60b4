// Runs a command in a real pseudo-terminal (through pty.py, python3's pty module) and types
// answers at its prompts — so interactive prompts are tested as a person meets them.
import { execa } from 'execa';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const driver = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pty.py');

export interface PtyStep {
  /** A regular expression (JavaScript/Python common subset) to wait for on screen. */
  expect: string;
  /** What to type then. */
  send: string;
  /** Seconds to wait before typing (default 0.15). */
  delay?: number;
}

export const keys = { enter: '\r', down: '\u001b[B', up: '\u001b[A', space: ' ', ctrlC: '\u0003' };

export async function runInPty(
  command: string[],
  steps: PtyStep[],
  opts: { cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): Promise<{ exitCode: number; output: string; stderr: string }> {
  const config = { steps, timeout: opts.timeout ?? 30, cwd: opts.cwd, env: { NO_COLOR: '1', ...opts.env } };
  const r = await execa('python3', ['-P', driver, JSON.stringify(config), '--', ...command], { reject: false, timeout: ((opts.timeout ?? 30) + 30) * 1000 });
  return { exitCode: r.exitCode ?? 1, output: stripAnsi(r.stdout), stderr: r.stderr };
}

export function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g, '');
}
