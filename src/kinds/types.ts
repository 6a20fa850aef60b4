// What eda knows about one kind of resource, in one object: its checks, its part of the model,
// its ${...} attributes, what a `uses` of it grants, and its template fragment. The registry
// (registry.ts) lists every kind; validation, the model and synth loop over it.
import type { AppManifest, FunctionDefaults, FunctionSpec, TriggerSpec } from '../manifest/app.types.js';
import type { Problem } from '../manifest/problems.js';
import type { Path } from '../manifest/source.js';
import type { App, Kind, QueueModel, RuleModel, UseModel } from '../model/types.js';
import type { Statement, TemplateBuilder } from './template.js';
import type { ScaffoldFacet } from './scaffold-types.js';

export type KindName = 'function' | 'api' | 'route' | 'table' | 'queue' | 'topic' | 'subscription' | 'bus' | 'rule' | 'schedule' | 'workflow' | 'websocket' | 'pipe' | 'connection' | 'bucket' | 'scheduler' | 'event';

/** A function's trigger whose kind is unambiguous (exactly one of http, queue, topic, ...). */
export interface TriggerAt<K extends string = string> {
  fnName: string;
  fn: FunctionSpec;
  trigger: TriggerSpec;
  type: K;
  path: Path;
}

/** What every kind's checks share: the manifest, the stage-resolved defaults and reporting helpers. */
export interface CheckContext {
  m: AppManifest;
  stage: string;
  /** Function defaults with the stage's overrides applied. */
  defaults: FunctionDefaults;
  /** The names declared in each section (apis: the implied `api` when only http triggers exist). */
  declared: Record<Kind, string[]>;
  /** Workflow definitions loaded from files: workflow name → { file, definition }. */
  definitionFiles: Map<string, { file: string; definition: unknown }>;
  /** Schema files: event name (or topics.<name> / queues.<name> for message schemas) → { file, schema }. */
  eventSchemaFiles: Map<string, { file: string; schema: unknown }>;
  add(problem: Problem): void;
  /** Reports a reference to an undeclared entry, with "did you mean". */
  ref(kind: Kind, name: unknown, path: Path, what?: string): void;
  /** The one kind an entry names out of `kinds`, reporting none or several. */
  oneKind<K extends string>(obj: Record<string, unknown>, kinds: readonly K[], path: Path, what: string): K | undefined;
  /** Every function trigger of one type, in manifest order. */
  triggers<K extends string>(type: K): TriggerAt<K>[];
}

/** The App under construction: each kind fills its part, in registry order. */
export interface ModelContext {
  m: AppManifest;
  stage: string;
  defaults: FunctionDefaults;
  /** Workflow definitions read from files, by workflow name. */
  definitions?: Map<string, unknown>;
  /** Schemas read from files, by event name (and topics.<name> / queues.<name> for message schemas). */
  eventSchemas?: Map<string, unknown>;
  app: App;
  /** Queues eda creates (function failures, rule dead letters): listed after the declared ones. */
  implicitQueues: QueueModel[];
  /** Rules implied by event and schedule triggers: listed after the declared ones. */
  implicitRules: RuleModel[];
}

/** The ${section.name.attr} attributes of a kind and their CloudFormation values. */
export interface Attributes {
  /** The app.yaml section expressions name: ${queues.orders.url} → queues. */
  section: string;
  /** The attributes, in the order messages list them. */
  names: string[];
  value(app: App, name: string, attr: string): unknown;
}

/** Facts synth computes once and hands to every step. */
export interface SynthEnv {
  /** Whether monitoring creates the alerts topic (it needs the topics key). */
  alertsTopic: boolean;
}

export type SynthStep = (app: App, t: TemplateBuilder, env: SynthEnv) => void;

export interface KindDefinition {
  name: KindName;
  /** Its semantic checks (the schema has checked the shape). */
  check?(c: CheckContext): void;
  /** Builds its entries of the model from the manifest. */
  model?(c: ModelContext): void;
  /** Wires its entries to other kinds' once every kind has built its own (consumers, timeouts). */
  link?(c: ModelContext): void;
  attributes?: Attributes;
  /** The statements a function's `uses` of it needs. */
  grants?(app: App, use: UseModel): Statement[];
  /** Its template fragment, in the order the steps run. */
  synth?: SynthStep[];
  /** What `eda add` and `eda remove` do with it, and the handler stub of the triggers it owns. */
  scaffold?: ScaffoldFacet;
}
