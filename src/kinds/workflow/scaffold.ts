// `eda add workflow` / `eda remove workflow`: a Step Functions state machine, from an ASL file or
// from Task states chained in order; removing it keeps its definition file. The functions its
// Task states name are what it refers to, and those functions get a Task handler stub.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { lambdaRetry } from '../../manifest/asl.js';
import type { Path } from '../../manifest/edit.js';
import type { Entry } from '../scaffold-inventory.js';
import { clean, insertEntry, removeEntry, walk } from '../scaffold-kit.js';
import type { AddContext, AddPlan, Reference, ScaffoldFacet } from '../scaffold-types.js';

async function add(ctx: AddContext): Promise<AddPlan> {
  const { opts, inv, ask } = ctx;
  const name = await ctx.newName('workflow');
  const type = opts.type;
  if (type !== undefined && type !== 'standard' && type !== 'express') throw new UsageError(`--type: a workflow is standard or express, not '${type}'`);
  let definition: unknown;
  if (opts.definition !== undefined) {
    if (opts.task?.length) throw new UsageError('give --definition or --task, not both');
    if (!/\.(json|ya?ml)$/.test(opts.definition)) throw new UsageError('--definition: a .asl.json or .asl.yaml file');
    definition = opts.definition;
  } else {
    let tasks = opts.task ?? [];
    if (tasks.length === 0 && ask.optional && inv.names('function').length) {
      tasks = await ask.many('Task states, in order (functions to invoke)', inv.names('function').map((n) => ({ name: n, value: n })));
    }
    for (const t of tasks) inv.requireRef('function', t, `--task ${t}`);
    definition = tasksDefinition(tasks);
  }
  return insertEntry('workflow', name, clean({ type, description: opts.description, definition }));
}

/** An ASL definition: the tasks in a chain, or one Pass state to start from. */
export function tasksDefinition(tasks: string[]): Record<string, unknown> {
  if (tasks.length === 0) return { StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } };
  const stateName = (fn: string) => fn[0]!.toUpperCase() + fn.slice(1).replace(/-([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  const names = tasks.map(stateName);
  const States: Record<string, unknown> = {};
  tasks.forEach((fn, i) => {
    States[names[i]!] = { Type: 'Task', Resource: fn, Retry: lambdaRetry(), ...(i === tasks.length - 1 ? { End: true } : { Next: names[i + 1] }) };
  });
  return { StartAt: names[0], States };
}

/** The functions its Task states name (an inline definition's every `Resource`). */
function references(wf: Entry, at: Path): Reference[] {
  const refs: Reference[] = [];
  walk(wf.definition, [...at, 'definition'], (value, where) => {
    if (where.at(-1) === 'Resource') refs.push({ kind: 'function', name: value, path: where });
  });
  return refs;
}

export const workflowScaffold: ScaffoldFacet = {
  kind: 'workflow',
  section: 'workflow',
  flags: ['task', 'definition', 'type', 'description'],
  add,
  remove: (ctx) =>
    removeEntry(ctx, 'workflow', 'workflow', {
      kept: (entry) => (typeof entry.definition === 'string' && existsSync(path.join(ctx.cwd, entry.definition)) ? [entry.definition] : []),
    }),
  references,
  invoker: {
    template: 'task',
    sources: (fn, app) => app.workflows.filter((w) => w.invokes.includes(fn.name)).map((w) => `workflow ${w.name}`),
  },
};
