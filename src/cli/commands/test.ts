// eda test: runs the project's tests (its own vitest) with what eda/testing needs to find the
// app: EDA_PROJECT_DIR (startApp's default cwd) and EDA_STAGE, plus an AWS region for SDK
// clients made at import time. Arguments after the options go to vitest unchanged.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EdaError } from '../../core/errors.js';
import { checkStageFlag } from '../load-app.js';

export interface TestOptions {
  cwd?: string;
  stage?: string;
  watch?: boolean;
}

/** The vitest entry the project installed (its own version), or an error saying how to install it. */
export function projectVitest(cwd: string): string {
  let pkgFile: string;
  try {
    pkgFile = createRequire(path.join(cwd, 'package.json')).resolve('vitest/package.json');
  } catch {
    throw new EdaError(`vitest is not installed in ${cwd}`, 'run npm install (projects made by eda new list vitest in devDependencies), or npm install --save-dev vitest');
  }
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.vitest;
  if (!bin) throw new EdaError(`the vitest installed in ${cwd} has no command line`, 'reinstall it: npm install --save-dev vitest');
  return path.join(path.dirname(pkgFile), bin);
}

export async function testCommand(args: string[], opts: TestOptions): Promise<number> {
  const cwd = path.resolve(opts.cwd ?? '.');
  if (!existsSync(path.join(cwd, 'app.yaml'))) {
    throw new EdaError(`no app.yaml in ${cwd}`, 'run eda test in a project folder (one eda new made), or pass --cwd <folder>');
  }
  if (opts.stage) checkStageFlag(opts.stage);
  const vitest = projectVitest(cwd);
  const { execa } = await import('execa');
  const env: Record<string, string> = {
    EDA_PROJECT_DIR: cwd,
    EDA_STAGE: opts.stage ?? process.env.EDA_STAGE ?? 'dev',
    AWS_REGION: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    // tests never ask an instance for credentials
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const run = await execa(process.execPath, [vitest, opts.watch ? 'watch' : 'run', ...args], { cwd, env, stdio: 'inherit', reject: false });
  return run.exitCode ?? 1;
}
