// The scaffolding side of a resource kind, one shape for all: the flags `eda add <kind>` takes
// and which of them a script must pass, how it plans the app.yaml edit, how `eda remove <kind>`
// finds the entry (and what it refuses to remove while something refers to it), what its entries
// refer to (for finding who uses something), and the handler stub a trigger of it gets.
// Each src/kinds/<kind>/scaffold.ts exports one of these; scaffold-registry.ts lists them.
import type { EditOp, Path } from '../manifest/edit.js';
import type { App, FunctionModel, Kind, TriggerModel } from '../model/types.js';
import type { Ask } from './scaffold-ask.js';
import type { Entry, Inventory, Manifest } from './scaffold-inventory.js';

export type AddKind = 'function' | 'api' | 'route' | 'table' | 'queue' | 'topic' | 'subscription' | 'bus' | 'rule' | 'schedule' | 'workflow' | 'pipe' | 'connection' | 'bucket' | 'event';

export type Spec = Record<string, unknown>;

/** A reference a flag value makes, to check that it exists. */
export interface SpecRef {
  kind: 'function' | 'table' | 'queue' | 'topic' | 'bus' | 'workflow' | 'api' | 'bucket';
  name: string;
}

export interface AddOptions {
  yes?: boolean;
  trigger?: string[];
  uses?: string[];
  handler?: string;
  /** function: typescript | python (default: the app's runtime's language) */
  language?: string;
  memory?: string;
  timeout?: string;
  env?: string[];
  description?: string;
  function?: string;
  api?: string;
  /** function: the api whose Lambda authorizer it is */
  authorizer?: string;
  type?: string;
  cors?: boolean;
  auth?: string;
  issuer?: string;
  audience?: string[];
  partitionKey?: string;
  sortKey?: string;
  stream?: string;
  ttl?: string;
  fifo?: boolean;
  dlqMaxReceives?: string;
  /** false with --no-dlq */
  dlq?: boolean;
  visibilityTimeout?: string;
  retention?: string;
  delay?: string;
  queue?: string;
  email?: string;
  https?: string;
  raw?: boolean;
  filter?: string;
  archive?: string;
  bus?: string;
  pattern?: string;
  expression?: string;
  target?: string[];
  task?: string[];
  definition?: string;
  /** route: a direct route's target and its settings */
  workflow?: string;
  table?: string;
  messageGroupId?: string;
  /** route: a bus route's event source; pipe: queue:<name> | table:<name> */
  source?: string;
  detailType?: string;
  /** event: its JSON Schema file */
  schema?: string;
  sync?: boolean;
  action?: string;
  /** pipe: function:<name> | workflow:<name> */
  enrichment?: string;
  batchSize?: string;
  /** connection */
  secret?: string;
  header?: string;
  username?: string;
  endpoint?: string;
  clientId?: string;
  versioning?: boolean;
  timezone?: string;
  window?: string;
}

export interface AddPlan {
  ops: EditOp[];
  /** "queue refunds" */
  what: string;
  /** Functions this adds (their handler stubs are created). */
  newFunctions: string[];
}

/** What an add planner works with: the name argument, the flags, app.yaml's inventory, and the questions. */
export interface AddContext {
  /** The name argument as given (for a route: "METHOD /path"; for a subscription: the topic). */
  name: string | undefined;
  opts: AddOptions;
  inv: Inventory;
  ask: Ask;
  /** The name of a new `of` (asked for when not given), checked to be valid and free. */
  newName(of: Kind): Promise<string>;
  /** Throws when a reference a flag makes is not declared. */
  checkRefs(refs: SpecRef[], usedAs: string): void;
}

/** The flags of `eda remove` that say which route or subscription is meant. */
export interface RemoveFlags {
  api?: string;
  queue?: string;
  email?: string;
  https?: string;
  function?: string;
}

export interface RemoveContext {
  /** The name argument (for a route: "METHOD /path"; for a subscription: the topic). */
  name: string;
  opts: RemoveFlags;
  manifest: Manifest;
  inv: Inventory;
  /** The project folder, to see which of the entry's files exist. */
  cwd: string;
}

export interface Removal {
  /** The app.yaml node to delete. */
  target: Path;
  /** "queue refunds" */
  what: string;
  /** Handler and definition files that stay. */
  kept: string[];
  /** Refuse the removal while anything else in app.yaml refers to this. */
  refuseWhileReferenced?: { kind: Kind; name: string };
}

/** One reference an app.yaml entry makes: `{ queue: payments }` at functions.settle.triggers[0]. */
export interface Reference {
  kind: string;
  name: unknown;
  path: Path;
}

/** The handler stub and first test of a function whose first trigger is of this kind. */
export interface StubTrigger<T extends TriggerModel['type'] = TriggerModel['type']> {
  trigger: T;
  /** templates/handlers/<template>.ts.hbs and templates/tests/<template>.test.ts.hbs */
  template(trigger: Extract<TriggerModel, { type: T }>, app: App): string;
  /** How the stub's header names the source: "queue payments". */
  source(trigger: Extract<TriggerModel, { type: T }>, app: App): string;
  /** How the first test names it ('' for none). */
  testSource(trigger: Extract<TriggerModel, { type: T }>): string;
}

/** A kind that invokes functions without being their trigger (a workflow's Task states). */
export interface StubInvoker {
  /** The stub template, or a choice of one by how it invokes `fn`. */
  template: string | ((fn: FunctionModel, app: App) => string);
  /** What invokes `fn`: ["workflow fulfil"]. */
  sources(fn: FunctionModel, app: App): string[];
}

export interface ScaffoldFacet {
  kind: AddKind;
  /** The section of app.yaml its entries live in (a schedule is a rule); none when it lives inside another kind's entry. */
  section?: Kind;
  /** The flags `eda add <kind>` takes (besides --yes, --dry-run and --cwd). */
  flags: (keyof AddOptions)[];
  /** What the name argument is, when it is missing and there is no terminal to ask for it. */
  argument?: string;
  /** The flags a script must pass (there is no terminal to ask for them). */
  missingFlags?(opts: AddOptions): string[];
  add(ctx: AddContext): Promise<AddPlan>;
  /** The flags of `eda remove <kind>` that say which one is meant. */
  removeFlags?: (keyof RemoveFlags)[];
  remove(ctx: RemoveContext): Removal;
  /** What one of its entries refers to (uses, triggers, targets, subscriptions, Task states). */
  references?(entry: Entry, at: Path): Reference[];
  /** The logical IDs `overrides` may name one of its entries by (default: its one logical ID). */
  overrideIds?(name: string): string[];
  stub?: StubTrigger;
  invoker?: StubInvoker;
}
