// Where a trace record lands on the diagram `eda graph` draws: the nodes it touches and the
// edges it travels (ids as src/graph builds them), and whether it is an error. The console
// page lights these up as records arrive; ids the diagram lacks are ignored there.
import type { Traced } from '../trace.js';

export interface HopMark {
  nodes: string[];
  edges: [from: string, to: string][];
  error: boolean;
}

/** "queue audit" → queue:audit, "email ops@x" → endpoint:email:ops@x (a topic subscriber or rule target label). */
export function labelNode(label: string): string {
  const [kind, ...rest] = label.replace(/ \(not sent locally\)$/, '').split(' ');
  const name = rest.join(' ');
  return ['function', 'queue', 'topic', 'workflow', 'bus', 'table'].includes(kind!) ? `${kind}:${name}` : `endpoint:${kind}:${name}`;
}

/** A function's trigger as its invoke record says it ("queue payments", "http POST /orders"). */
function triggerNode(trigger: string): string | undefined {
  const m = /^(queue|topic|rule|stream) (.+)$/.exec(trigger);
  if (!m) return undefined;
  return m[1] === 'stream' ? `table:${m[2]}` : `${m[1]}:${m[2]}`;
}

const mark = (nodes: string[], edges: [string, string][] = [], error = false): HopMark => ({ nodes, edges, error });

export function hopMark(e: Traced): HopMark | undefined {
  switch (e.kind) {
    case 'http': {
      const route = e.route ? `route:${e.api}:${e.route}` : undefined;
      const to = e.function ? `function:${e.function}` : e.target ? labelNode(e.target) : undefined;
      return route ? mark([route], to ? [[route, to]] : [], e.status >= 500) : undefined;
    }
    case 'invoke': {
      const fn = `function:${e.function}`;
      const from = triggerNode(e.trigger);
      return mark([fn], from && !from.startsWith('queue:') && !from.startsWith('table:') ? [[from, fn]] : [], !e.ok);
    }
    case 'queue': {
      const q = `queue:${e.queue}`;
      if (e.action === 'deliver' && e.function) return mark([q], [[q, `function:${e.function}`]]);
      if (e.action === 'dlq' && e.to) return mark([q, `queue:${e.to}`], [[q, `queue:${e.to}`]], true);
      return mark([q], [], e.action === 'retry');
    }
    case 'topic': {
      const t = `topic:${e.topic}`;
      return e.action === 'deliver' && e.to ? mark([t], [[t, labelNode(e.to)]]) : mark([t]);
    }
    case 'bus':
      return mark([`bus:${e.bus}`]);
    case 'rule': {
      const r = `rule:${e.rule}`;
      const edges: [string, string][] = e.targets.map((t) => [r, labelNode(t)]);
      return mark([r], e.schedule ? edges : [[`bus:${e.bus}`, r], ...edges]);
    }
    case 'delivery':
      return mark([`rule:${e.rule}`], e.dlq ? [[`rule:${e.rule}`, `queue:${e.dlq}`]] : [], !e.ok);
    case 'workflow':
      return mark([`workflow:${e.workflow}`], [], e.action === 'fail' || e.action === 'abort');
    case 'state':
      return mark([`task:${e.workflow}:${e.state}`], [], e.action === 'fail');
    case 'stream':
      return mark([`table:${e.table}`], e.action === 'deliver' ? [[`table:${e.table}`, `function:${e.function}`]] : [], e.action === 'discard');
    case 'table':
      return mark([`table:${e.table}`]);
    case 'bucket':
      return mark([`bucket:${e.bucket}`]);
    case 'pipe':
      return mark([`pipe:${e.pipe}`], [], e.action === 'dlq');
    case 'schedule':
      return mark([`schedule:${e.schedule}`], [[`schedule:${e.schedule}`, labelNode(e.target)]], !e.ok);
    default:
      return undefined;
  }
}
