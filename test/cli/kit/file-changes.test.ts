// How add/remove print what writeChange reports.
import { describe, expect, it } from 'vitest';
import { changePrinter, preview } from '../../../src/cli/kit/file-changes.js';
import { createUi } from '../../../src/cli/kit/output.js';

function capture() {
  let out = '';
  let err = '';
  const stream = (append: (s: string) => void) => ({ write: (s: string) => (append(s), true), isTTY: false }) as unknown as NodeJS.WritableStream;
  const ui = createUi({ stdout: stream((s) => (out += s)), stderr: stream((s) => (err += s)), env: { NO_COLOR: '1' } });
  return { ui, out: () => out, err: () => err };
}

const before = 'name: shop\nqueues:\n  jobs: {}\n';
const after = 'name: shop\nqueues:\n  jobs: {}\n  mail: {}\n';

describe('changePrinter', () => {
  it('lists the files written, then app.yaml lines, and says so on a dry run', () => {
    const c = capture();
    changePrinter(c.ui)({
      type: 'planned',
      before,
      after,
      dryRun: true,
      actions: [
        { path: 'app.yaml', action: 'UPDATE', content: after },
        { path: 'template.yaml', action: 'SKIP', reason: 'unchanged', content: '' },
        { path: 'src/handlers/x.ts', action: 'SKIP', reason: 'exists', content: '' },
      ] as never,
    });
    expect(c.out()).toBe(
      '  UPDATE app.yaml\n  SKIP   src/handlers/x.ts (exists, kept as it is)\napp.yaml, lines to add:\n4 +   mail: {}\nDry run: nothing was written.\n',
    );
  });

  it('explains a refusal on stderr', () => {
    const c = capture();
    changePrinter(c.ui)({ type: 'refused', reason: 'would-be-invalid', before, after });
    expect(c.err()).toBe('Nothing was changed: with this change app.yaml would not be valid.\napp.yaml, lines to add:\n4 +   mail: {}\n');
    const d = capture();
    changePrinter(d.ui)({ type: 'refused', reason: 'already-invalid' });
    expect(d.err()).toBe('Nothing was changed: app.yaml already has problems. Fix them first (eda validate lists them):\n');
    expect(d.out()).toBe('');
  });

  it('previews removed and changed lines with their numbers', () => {
    expect(preview(after, before)).toBe('app.yaml, lines to remove:\n4 -   mail: {}');
  });
});
