// The scaffold registry is the one list of what `eda add` and `eda remove` can do: every kind the
// CLI offers has a facet, every flag a facet takes is an option of the command, every trigger
// type has one handler stub (whose templates exist), and what a kind adds, it can remove again.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { defineScaffoldCommands } from '../../src/cli/define/scaffold.js';
import { applyEdits } from '../../src/manifest/edit.js';
import type { App, TriggerModel } from '../../src/model/types.js';
import { kinds as registry } from '../../src/kinds/registry.js';
import { authorizerTemplates } from '../../src/kinds/api/scaffold.js';
import { scaffoldFacets, stubTrigger } from '../../src/kinds/scaffold-registry.js';
import type { AddKind, AddOptions, RemoveFlags } from '../../src/kinds/scaffold-types.js';
import { planAdd, strayFlags } from '../../src/scaffold/add/kinds.js';
import { planRemove } from '../../src/scaffold/remove.js';
import { manifestOf } from '../../src/cli/commands/add.js';

const program = new Command();
defineScaffoldCommands(program);
const command = (name: string) => program.commands.find((c) => c.name() === name)!;
const optionsOf = (name: string) => new Set(command(name).options.map((o) => o.attributeName()));
const kinds = scaffoldFacets.map((f) => f.kind);

describe('the scaffold registry', () => {
  it("lists every registered kind's facet in eda add's order, each once", () => {
    const registered = registry.flatMap((k) => (k.scaffold ? [k.scaffold] : []));
    expect(new Set(scaffoldFacets)).toEqual(new Set(registered));
    expect(scaffoldFacets).toHaveLength(registered.length);
  });

  it('has a facet for each kind eda add and eda remove offer, and no other', () => {
    for (const name of ['add', 'remove']) {
      expect(command(name).registeredArguments[0]!.description.split(' | '), name).toEqual(kinds);
    }
  });

  it("takes each kind's flags from its facet, all of them options of eda add (and every kind option belongs to a kind)", () => {
    const add = optionsOf('add');
    const taken = new Set(scaffoldFacets.flatMap((f) => f.flags));
    for (const flag of taken) expect(add, flag).toContain(flag);
    expect([...add].filter((o) => !taken.has(o as keyof AddOptions))).toEqual(['cwd', 'yes', 'dryRun']);
    for (const f of scaffoldFacets) {
      for (const other of scaffoldFacets.flatMap((o) => o.flags).filter((flag) => !f.flags.includes(flag) && flag !== 'dlq')) {
        expect(strayFlags(f.kind, { [other]: 'x' }), `${f.kind} --${other}`).toHaveLength(1);
      }
    }
  });

  it('says which route or subscription to remove with options of eda remove', () => {
    const remove = optionsOf('remove');
    for (const flag of scaffoldFacets.flatMap((f) => f.removeFlags ?? [])) expect(remove, flag).toContain(flag);
  });

  it('has one handler stub per trigger type, with its stub and test templates', () => {
    const triggers: TriggerModel[] = [
      { type: 'http', api: 'public', method: 'GET', path: '/x', source: [] },
      { type: 'queue', queue: 'q', batchSize: 10, source: [] },
      { type: 'topic', topic: 't', source: [] },
      { type: 'event', rule: 'r', source: [] },
      { type: 'schedule', rule: 'r', source: [] },
      { type: 'stream', table: 't', startingPosition: 'LATEST', batchSize: 100, maxRetries: 3, source: [] },
      { type: 'websocket', api: 'chat', route: 'sendMessage', source: [] },
      { type: 'websocket', api: 'chat', route: '$connect', source: [] },
      { type: 'bucket', bucket: 'b', rule: 'f.bucket1', events: ['created'], source: [] },
    ];
    expect(scaffoldFacets.filter((f) => f.stub).map((f) => f.stub!.trigger).sort()).toEqual([...new Set(triggers.map((t) => t.type))].sort());
    const app = { apis: [{ name: 'public', type: 'rest' }], rules: [{ name: 'r', bus: 'default', pattern: {}, schedule: 'rate(1 day)' }] } as unknown as App;
    const templates = triggers.map((t) => stubTrigger(t.type).template(t, app));
    templates.push(...scaffoldFacets.flatMap((f) => (!f.invoker ? [] : typeof f.invoker.template === 'string' ? [f.invoker.template] : [])), ...authorizerTemplates, 'plain');
    for (const name of templates) {
      expect(existsSync(path.join('templates', 'handlers', `${name}.ts.hbs`)), name).toBe(true);
      expect(existsSync(path.join('templates', 'tests', `${name}.test.ts.hbs`)), name).toBe(true);
    }
  });
});

describe('what eda add adds, eda remove takes out again', () => {
  // One entry in every section: removing a section's last entry leaves the section, empty.
  const base = `name: shop
functions:
  f:
    triggers:
      - queue: q
apis:
  main: {}
tables:
  customers: { partitionKey: id }
queues:
  q: {}
topics:
  events:
    subscriptions:
      - email: ops@example.com
buses:
  audit: {}
rules:
  archive:
    pattern: { source: [shop] }
    targets:
      - function: f
workflows:
  ship: {}
connections:
  partner:
    auth:
      apiKey: { header: x-api-key, value: '\${secret:partner-key}' }
pipes:
  q-to-f:
    source: { queue: q }
    target: { function: f }
buckets:
  media: {}
schedules:
  tick:
    expression: rate(1 day)
    target: { function: f }
events:
  Ping: { source: shop, schema: { type: object } }
`;
  const cases: Record<AddKind, { name: string; add: AddOptions; remove?: RemoveFlags }> = {
    function: { name: 'g', add: { trigger: ['topic:events'] } },
    api: { name: 'public', add: { type: 'rest' } },
    route: { name: 'GET /orders', add: { function: 'f' } },
    table: { name: 'orders', add: { sortKey: 'at:number' } },
    queue: { name: 'refunds', add: { fifo: true } },
    topic: { name: 'alerts', add: {} },
    subscription: { name: 'events', add: { queue: 'q' }, remove: { queue: 'q' } },
    bus: { name: 'orders', add: {} },
    rule: { name: 'placed', add: { pattern: '{"source":["shop"]}', target: ['function:f'] } },
    schedule: { name: 'nightly', add: { expression: 'rate(1 day)', target: ['queue:q'] } },
    workflow: { name: 'fulfil', add: { task: ['f'] } },
    pipe: { name: 'q-to-ship', add: { source: 'queue:q', target: ['workflow:ship'], filter: '{"body":{"type":["placed"]}}' } },
    connection: { name: 'hooks', add: { auth: 'apiKey', secret: 'hooks-key' } },
    bucket: { name: 'uploads', add: { versioning: true } },
    event: { name: 'OrderPlaced', add: { source: 'shop.orders', detailType: 'Order Placed' } },
  };

  it.each(kinds)('%s', async (kind) => {
    const c = cases[kind];
    expect(c, `a round trip for ${kind}`).toBeDefined();
    const plan = await planAdd(kind, c.name, c.add, manifestOf(base), undefined);
    const added = applyEdits(base, plan.ops);
    expect(added).not.toBe(base);
    const removal = planRemove(kind, c.name, c.remove ?? {}, path.join('test', 'no-such-project'), added, manifestOf(added));
    expect(removal.what).toContain(kind);
    expect(removal.after).toBe(base);
  });
});
