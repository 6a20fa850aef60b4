// Handler location by language: a python3.x runtime (on the function, in defaults or at the top)
// makes the default handler src/handlers/<name>.py; Lambda's module.function form names a file
// and a function; a handler of the other language is an error at the handler.
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';
import { compile } from '../../../src/pipeline/index.js';
import { handlerLocation } from '../../../src/kinds/function/handler.js';

function errors(yaml: string): string[] {
  return validateText(yaml, { cwd: '/nonexistent' })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.col} ${d.message}`);
}

describe('handler location', () => {
  it('defaults by runtime and reads the module.function form', () => {
    expect(handlerLocation('createOrder', undefined, 'nodejs24.x')).toEqual({ file: 'src/handlers/createOrder.ts', export: 'handler' });
    expect(handlerLocation('createOrder', undefined, 'python3.13')).toEqual({ file: 'src/handlers/createOrder.py', export: 'handler', codeRoot: 'src' });
    expect(handlerLocation('x', 'src/orders/create.py', 'python3.13')).toEqual({ file: 'src/orders/create.py', export: 'handler', codeRoot: 'src' });
    expect(handlerLocation('x', 'create.py', 'python3.13')).toEqual({ file: 'create.py', export: 'handler', codeRoot: '.' });
    expect(handlerLocation('x', 'orders.create.main', 'python3.12')).toEqual({ file: 'orders/create.py', export: 'main', codeRoot: '.' });
    expect(handlerLocation('x', './src/a.ts', 'nodejs24.x')).toEqual({ file: 'src/a.ts', export: 'handler' });
  });

  it('takes the runtime from the function, defaults or the top level into the model', async () => {
    const yaml = 'name: shop\nruntime: python3.13\nfunctions:\n  a: {}\n  b: { runtime: nodejs24.x }\n  c: { handler: jobs.nightly.run }\n';
    expect(errors(yaml)).toEqual([]);
    const { app } = await compile({ cwd: '/nonexistent', text: yaml });
    const fns = Object.fromEntries(app.functions.map((f) => [f.name, [f.runtime, f.handlerFile, f.handlerExport, f.codeRoot]]));
    expect(fns).toEqual({ a: ['python3.13', 'src/handlers/a.py', 'handler', 'src'], b: ['nodejs24.x', 'src/handlers/b.ts', 'handler', undefined], c: ['python3.13', 'jobs/nightly.py', 'run', '.'] });
  });

  it('reports a handler of the other language at its place, and an unknown runtime', () => {
    expect(errors('name: shop\nfunctions:\n  a: { handler: src/a.py }\n')).toEqual(["3:17 handler 'src/a.py' is Python, but the function's runtime is nodejs24.x"]);
    expect(errors('name: shop\ndefaults: { runtime: python3.12 }\nfunctions:\n  a: { handler: src/a.ts }\n')).toEqual(["4:17 handler 'src/a.ts' is not Python, but the function's runtime is python3.12"]);
    expect(errors('name: shop\nfunctions:\n  a: { runtime: python2.7 }\n')[0]).toBe("3:17 functions.a.runtime must be one of nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14, not the string \"python2.7\"");
  });
});

describe('python functions in the template', () => {
  it('package the handler\'s first folder and name the handler module.function from there', async () => {
    const yaml = 'name: shop\nfunctions:\n  a: { runtime: python3.13 }\n  b: { runtime: python3.12, handler: jobs.nightly.run }\n  c: {}\n';
    const r = (await compile({ cwd: '/nonexistent', text: yaml })).template.Resources as Record<string, any>;
    expect(r.AFunction.Properties).toMatchObject({ CodeUri: 'src', Handler: 'handlers.a.handler', Runtime: 'python3.13' });
    expect(r.AFunction.Metadata).toBeUndefined();
    expect(r.BFunction.Properties).toMatchObject({ CodeUri: '.', Handler: 'jobs.nightly.run', Runtime: 'python3.12' });
    expect(r.CFunction.Properties).toMatchObject({ CodeUri: '.', Handler: 'c.handler' });
    expect(r.CFunction.Metadata.BuildMethod).toBe('esbuild');
  });
});

describe('a handler outside the project or in src/generated/', () => {
  function problems(yaml: string): string[] {
    return validateText(yaml, { cwd: '/nonexistent' })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.line}:${d.col} ${d.message} | ${d.hint}`);
  }

  it('the hint names a file of the function’s language', () => {
    expect(problems('name: shop\nruntime: python3.13\nfunctions:\n  report:\n    handler: ../../etc/x.py\n')).toEqual([
      "5:14 handler '../../etc/x.py' is outside the project folder | use a path relative to app.yaml, such as src/handlers/report.py",
    ]);
    expect(problems('name: shop\nfunctions:\n  report:\n    handler: /etc/x.ts\n')).toEqual(["4:14 handler '/etc/x.ts' is outside the project folder | use a path relative to app.yaml, such as src/handlers/report.ts"]);
    expect(problems('name: shop\nruntime: python3.12\nfunctions:\n  report:\n    handler: src/generated/report.py\n')).toEqual([
      "5:14 handler 'src/generated/report.py' is in src/generated/, which eda synth rewrites | keep handlers elsewhere, such as src/handlers/report.py",
    ]);
  });
});
