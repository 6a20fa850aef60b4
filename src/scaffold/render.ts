// Renders handlebars templates under templates/ (source files and READMEs only; YAML and
// JSON are built as data and serialized).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { templatesDir } from './paths.js';

type Handlebars = typeof import('handlebars');
let engine: Promise<Handlebars> | undefined;

async function handlebars(): Promise<Handlebars> {
  engine ??= import('handlebars').then((m) => {
    const hb = ((m as unknown as { default?: Handlebars }).default ?? m) as Handlebars;
    const instance = hb.create();
    instance.registerHelper('json', (value: unknown) => new instance.SafeString(JSON.stringify(value)));
    instance.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    // A single-quoted JavaScript string literal.
    instance.registerHelper('str', (value: unknown) => new instance.SafeString(`'${JSON.stringify(String(value)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`));
    return instance as unknown as Handlebars;
  });
  return engine;
}

/** Renders templates/<name> with `data`. Templates produce code, so nothing is HTML-escaped. */
export async function render(name: string, data: Record<string, unknown>): Promise<string> {
  const hb = await handlebars();
  const source = await readFile(path.join(templatesDir(), name), 'utf8');
  return hb.compile(source, { noEscape: true, strict: true })(data);
}
