// The event-flow graph of an app: what `eda graph` draws. Built from the App model (build.ts),
// then rendered (mermaid, dot, svg, html) or printed as it is (json). Plain data, no I/O.
import type { SourcePath } from '../model/types.js';

export type NodeKind = 'route' | 'function' | 'table' | 'queue' | 'topic' | 'endpoint' | 'bus' | 'rule' | 'schedule' | 'workflow' | 'task' | 'pipe' | 'bucket';

export type EdgeKind =
  /** A route serving its function, or sending to the queue, bus, workflow or table it targets. */
  | 'route'
  /** An event source invoking a function: a queue, a table's stream. */
  | 'trigger'
  /** A bus's events reaching a rule on it. */
  | 'events'
  /** A rule or schedule delivering to its target. */
  | 'target'
  /** A function's `uses` entry: it reads, writes, sends, publishes, puts, starts or invokes. */
  | 'uses'
  /** A topic delivering to a subscriber. */
  | 'subscription'
  /** A queue moving messages to its dead-letter queue. */
  | 'dlq'
  /** Failed async invocations or undeliverable events going to a queue. */
  | 'failure'
  /** A workflow's Task state calling a function or a service. */
  | 'task'
  /** A pipe calling its enrichment (and getting its result back). */
  | 'enrichment';

export interface GraphNode {
  /** Unique in the graph: `<kind>:<name>` (a route: `route:<api>:<METHOD /path>`, a task: `task:<workflow>:<state>`). */
  id: string;
  kind: NodeKind;
  /** The name in app.yaml (a route: "METHOD /path"; a task: the state's name). */
  name: string;
  /** What the diagram shows. */
  label: string;
  /** A second line: a rule's pattern summarized, a schedule's expression, a table's keys. */
  detail?: string;
  /** The group it is drawn in, if any (GraphGroup.id). */
  group?: string;
  /** Where it is declared in app.yaml (keys and indexes from the root); absent for what eda adds. */
  source?: SourcePath;
  /** app.yaml line of `source`, when the caller located it. */
  line?: number;
  /** Its settings as the model holds them (after defaults and the stage's overrides). */
  settings: Record<string, unknown>;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Batch size, filter, access, retries: what the diagram writes on the arrow (may be empty). */
  label: string;
}

export interface GraphGroup {
  id: string;
  kind: 'api' | 'bus' | 'schedules' | 'workflow';
  label: string;
}

export interface Graph {
  app: string;
  stage: string;
  groups: GraphGroup[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}
