// NODE_OPTIONS is Node.js's: an all-Python app's Globals carry no environment, a mixed app sets it
// on each Node.js function only, and a Node.js-only app keeps it in Globals as before.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/pipeline/index.js';

async function template(yaml: string): Promise<{ globals: Record<string, any>; resources: Record<string, any> }> {
  const t = (await compile({ cwd: '/nonexistent', text: yaml })).template as Record<string, any>;
  return { globals: t.Globals.Function, resources: t.Resources };
}

describe('NODE_OPTIONS', () => {
  it('stays in Globals for a Node.js-only app', async () => {
    const { globals, resources } = await template('name: n\nfunctions:\n  a: {}\n');
    expect(globals.Environment).toEqual({ Variables: { NODE_OPTIONS: '--enable-source-maps' } });
    expect(resources.AFunction.Properties.Environment).toBeUndefined();
  });

  it('is nowhere in an all-Python app', async () => {
    const { globals, resources } = await template('name: p\nruntime: python3.13\nfunctions:\n  a: { uses: [{ queue: q }] }\nqueues: { q: {} }\n');
    expect(globals.Environment).toBeUndefined();
    expect(resources.AFunction.Properties.Environment).toEqual({ Variables: { Q_QUEUE_URL: { Ref: 'QQueue' } } });
  });

  it('is set on each Node.js function of a mixed app, before its own variables', async () => {
    const { globals, resources } = await template('name: m\nfunctions:\n  a: { environment: { LOG_LEVEL: debug } }\n  b: { runtime: python3.13 }\n');
    expect(globals.Environment).toBeUndefined();
    expect(resources.AFunction.Properties.Environment).toEqual({ Variables: { NODE_OPTIONS: '--enable-source-maps', LOG_LEVEL: 'debug' } });
    expect(resources.BFunction.Properties.Environment).toBeUndefined();
  });
});
