// eda remove <kind> <name>: takes one entry out of app.yaml (everything else kept byte for byte),
// refusing while anything still refers to it. Handler files are never deleted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EdaError, UsageError } from '../errors.js';
import { changePrinter } from '../kit/file-changes.js';
import { createUi } from '../kit/output.js';
import { suggest } from '../../manifest/diagnostics.js';
import { applyEdit, type Path } from '../../manifest/edit.js';
import type { Kind } from '../../model/types.js';
import { normalizeRoute } from '../../scaffold/add/specs.js';
import { writeChange } from '../../scaffold/change.js';
import { findReferrers, Inventory } from '../../scaffold/inventory.js';
import { withProjectLock } from '../../scaffold/lock.js';
import { canPrompt, terminalPrompter } from '../kit/prompts.js';
import { manifestOf, readManifest, stillCurrent, type CommandDeps } from './add.js';
import { sectionOf } from '../../model/names.js';

export interface RemoveOptions {
  cwd?: string;
  yes?: boolean;
  dryRun?: boolean;
  api?: string;
  queue?: string;
  email?: string;
  https?: string;
  function?: string;
}

const removable = ['function', 'api', 'route', 'table', 'queue', 'topic', 'subscription', 'bus', 'rule', 'schedule', 'workflow'];
const sections: Record<string, string> = { ...sectionOf, schedule: 'rules' };

export async function removeCommand(kind: string, name: string, opts: RemoveOptions, deps: CommandDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi();
  const prompter = deps.prompter ?? (canPrompt() ? terminalPrompter() : undefined);
  const c = ui.color;
  if (!removable.includes(kind)) throw new UsageError(`unknown kind '${kind}'`, `eda remove can remove: ${removable.join(', ')}`);
  const stray = (['api', 'queue', 'email', 'https', 'function'] as const).filter(
    (flag) => opts[flag] !== undefined && !(flag === 'api' ? kind === 'route' : kind === 'subscription'),
  );
  if (stray.length) {
    throw new UsageError(
      `${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to eda remove ${kind}`,
      '--api says which route; --queue, --email, --https, --function say which subscription',
    );
  }
  const cwd = path.resolve(opts.cwd ?? '.');
  const prepared = planRemove(kind, name, opts, cwd, await readManifest(cwd));
  const { what } = prepared;
  const asked = Boolean(prompter && !opts.yes && !opts.dryRun);
  if (asked) {
    const ok = await prompter!.confirm({ message: `Remove ${what} from app.yaml?`, default: false });
    if (!ok) {
      ui.out('Nothing was removed.');
      return 0;
    }
  }
  const write = async (change: PlannedRemoval) => {
    ui.out(`${opts.dryRun ? 'Would remove' : 'Removing'} ${change.what}:`);
    await writeChange({ cwd, before: change.before, after: change.after, newFunctions: [], dryRun: Boolean(opts.dryRun), report: changePrinter(ui) });
    for (const file of change.kept) ui.out(c.dim(`  ${opts.dryRun ? 'Would keep' : 'Kept'} ${file}: eda never deletes your code; delete it yourself when nothing needs it`));
    if (!opts.dryRun) ui.out(`${c.green('✔')} Removed ${change.what}`);
    return 0;
  };
  if (opts.dryRun) return write(prepared);
  return withProjectLock(
    cwd,
    async () => write(await stillCurrent(cwd, prepared, asked, async (text) => planRemove(kind, name, opts, cwd, text))),
    { onWait: () => ui.err(c.dim('Waiting for another eda command in this project to finish…')) },
  );
}

interface PlannedRemoval {
  before: string;
  after: string;
  what: string;
  /** Handler and definition files that stay. */
  kept: string[];
}

function planRemove(kind: string, name: string, opts: RemoveOptions, cwd: string, before: string): PlannedRemoval {
  const manifest = manifestOf(before);
  const inv = new Inventory(manifest);

  let target: Path;
  let what: string;
  const kept: string[] = [];
  if (kind === 'route') {
    ({ target, what } = findRoute(inv, name, opts.api));
  } else if (kind === 'subscription') {
    ({ target, what } = findSubscription(inv, name, opts));
  } else {
    const modelKind = (kind === 'schedule' ? 'rule' : kind) as Kind;
    if (!inv.has(modelKind, name) || (modelKind === 'bus' && name === 'default' && !inv.names('bus').includes('default'))) {
      throw new EdaError(`there is no ${kind} named '${name}' in app.yaml`, suggest(name, inv.names(modelKind), kind));
    }
    const entry = inv.entry(modelKind, name) ?? {};
    if (kind === 'schedule' && entry.schedule === undefined) throw new EdaError(`rule ${name} has an event pattern, not a schedule`, `use eda remove rule ${name}`);
    const users = findReferrers(manifest, modelKind, name);
    if (users.length) {
      throw new EdaError(
        `${kind} ${name} is still used by:\n${users.map((u) => `  - ${u.label}`).join('\n')}`,
        `remove or change ${users.length === 1 ? 'that reference' : 'those references'} first (eda remove refuses to leave app.yaml broken)`,
      );
    }
    target = [sections[kind]!, name];
    what = `${kind} ${name}`;
    if (modelKind === 'function') {
      const file = typeof entry.handler === 'string' ? entry.handler : `src/handlers/${name}.ts`;
      if (existsSync(path.join(cwd, file))) kept.push(file);
    }
    if (modelKind === 'workflow' && typeof entry.definition === 'string' && existsSync(path.join(cwd, entry.definition))) kept.push(entry.definition);
  }

  return { before, after: applyEdit(before, { op: 'delete', path: target }), what, kept };
}

function findRoute(inv: Inventory, route: string, api: string | undefined): { target: Path; what: string } {
  const wanted = normalizeRoute(route);
  const hits: { fn: string; index: number; api?: string }[] = [];
  for (const [fn, spec] of Object.entries(inv.section('function'))) {
    const triggers = Array.isArray(spec?.triggers) ? (spec.triggers as Record<string, unknown>[]) : [];
    triggers.forEach((t, index) => {
      if (typeof t?.http === 'string' && normalizeRoute(t.http) === wanted) hits.push({ fn, index, api: typeof t.api === 'string' ? t.api : undefined });
    });
  }
  const matching = api === undefined ? hits : hits.filter((h) => h.api === api || (h.api === undefined && inv.names('api').length <= 1));
  if (matching.length === 0) throw new EdaError(`no function serves the route ${wanted}${api ? ` on api ${api}` : ''}`);
  if (matching.length > 1) throw new UsageError(`the route ${wanted} is on several apis (${matching.map((h) => h.api ?? 'the default api').join(', ')})`, 'say which with --api <name>');
  const hit = matching[0]!;
  return { target: ['functions', hit.fn, 'triggers', hit.index], what: `route ${wanted} (from function ${hit.fn})` };
}

function findSubscription(inv: Inventory, topic: string, opts: RemoveOptions): { target: Path; what: string } {
  if (!inv.has('topic', topic)) throw new EdaError(`there is no topic named '${topic}' in app.yaml`, suggest(topic, inv.names('topic'), 'topic'));
  const given = (['queue', 'email', 'https', 'function'] as const).filter((p) => opts[p] !== undefined);
  if (given.length !== 1) throw new UsageError('say which subscription with one of --queue, --email, --https, --function');
  const protocol = given[0]!;
  const endpoint = opts[protocol]!;
  if (protocol === 'function') {
    const triggers = inv.entry('function', endpoint)?.triggers;
    const index = Array.isArray(triggers) ? triggers.findIndex((t) => t?.topic === topic) : -1;
    if (index < 0) throw new EdaError(`function ${endpoint} does not subscribe to topic ${topic}`);
    return { target: ['functions', endpoint, 'triggers', index], what: `subscription of function ${endpoint} to topic ${topic}` };
  }
  const subs = inv.entry('topic', topic)?.subscriptions;
  const index = Array.isArray(subs) ? subs.findIndex((s) => s?.[protocol] === endpoint) : -1;
  if (index < 0) throw new EdaError(`topic ${topic} has no subscription for ${protocol} ${endpoint}`);
  return { target: ['topics', topic, 'subscriptions', index], what: `subscription of ${protocol} ${endpoint} to topic ${topic}` };
}
