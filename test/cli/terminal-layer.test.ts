// cli/ is the one terminal layer: nothing outside it prints, prompts, or imports it (the error
// classes aside, until they move to the ground floor).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.ts$/.test(e.name) ? [full] : [];
  });
}

const outside = sources(src)
  .map((file) => path.relative(src, file).split(path.sep).join('/'))
  .filter((file) => !file.startsWith('cli/'));

// The Lambda worker's own console, captured into the trace: code that runs in the worker, not eda printing.
const WORKER = 'local/worker-source.ts';

describe('the terminal layer', () => {
  it('nothing outside cli/ writes to the terminal or asks', () => {
    const offenders = outside
      .filter((file) => file !== WORKER)
      .flatMap((file) =>
        readFileSync(path.join(src, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line }))
          .filter(({ text }) => !/^\s*(\/\/|\*)/.test(text) && /\bconsole\.\w+\(|process\.(stdout|stderr|stdin)\b|@inquirer\//.test(text)),
      )
      .map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('nothing outside cli/ imports cli/', () => {
    const offenders = outside.flatMap((file) =>
      [...readFileSync(path.join(src, file), 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)))
        .filter((target) => target.startsWith('cli/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
