// The real checkers every generated template must pass: cfn-lint and AWS's SAM translator.
import { execa } from 'execa';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** cfn-lint on many templates at once (it costs seconds to start). Returns its findings. */
export async function cfnLint(files: string[]): Promise<{ exitCode: number; output: string }> {
  const r = await execa('cfn-lint', ['--format', 'parseable', '--', ...files], { reject: false, timeout: 600_000 });
  return { exitCode: r.exitCode ?? 1, output: `${r.stdout}${r.stderr}`.trim() };
}

export interface Translation {
  file: string;
  ok: boolean;
  resources?: Record<string, string>;
  errors?: string[];
}

export async function samTranslate(files: string[]): Promise<Translation[]> {
  const r = await execa('python3', [path.join(here, 'sam_translate.py'), ...files], {
    env: { AWS_DEFAULT_REGION: 'us-east-1' },
    reject: false,
    timeout: 600_000,
  });
  if (r.exitCode !== 0) throw new Error(`sam_translate.py failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Translation);
}
