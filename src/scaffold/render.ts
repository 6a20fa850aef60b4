// The one handlebars loader: templates under templates/ (source files and READMEs only; YAML
// and JSON are built as data and serialized). handlebars loads on the first render, and each
// template is compiled once per process.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { templatesDir } from './paths.js';

type Handlebars = typeof import('handlebars');
let instance: Handlebars | undefined;
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const partials = new Set<string>();

function handlebars(): Handlebars {
  if (instance) return instance;
  const hb = (createRequire(import.meta.url)('handlebars') as Handlebars).create();
  hb.registerHelper('json', (value: unknown) => new hb.SafeString(JSON.stringify(value)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // A single-quoted JavaScript string literal.
  hb.registerHelper('str', (value: unknown) => new hb.SafeString(`'${JSON.stringify(String(value)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`));
  instance = hb;
  return hb;
}

export interface TemplateOptions {
  /** A missing variable is an error (true) or renders as nothing (false). */
  strict: boolean;
  /** Partials the template uses: name → file under templates/. */
  partials?: Record<string, string>;
}

/** templates/<name>, compiled. Templates produce code, so nothing is HTML-escaped. */
export function template(name: string, options: TemplateOptions): HandlebarsTemplateDelegate {
  const key = `${options.strict ? 'strict' : 'lax'}:${name}`;
  let t = compiled.get(key);
  if (!t) {
    const hb = handlebars();
    for (const [partial, file] of Object.entries(options.partials ?? {})) {
      if (partials.has(partial)) continue;
      hb.registerPartial(partial, readFileSync(path.join(templatesDir(), file), 'utf8'));
      partials.add(partial);
    }
    t = hb.compile(readFileSync(path.join(templatesDir(), name), 'utf8'), { noEscape: true, strict: options.strict });
    compiled.set(key, t);
  }
  return t;
}

/** Renders templates/<name> with `data`; a missing variable is an error. */
export async function render(name: string, data: Record<string, unknown>): Promise<string> {
  return template(name, { strict: true })(data);
}

/** The files under a template folder, relative to it, sorted (the order files are planned in). */
export async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}
