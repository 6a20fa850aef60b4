// What a pipe's enrichment and target receive for one record: the record itself, or its
// input template rendered — <$.path> looked up in the record (an SQS body holding JSON is
// parsed first, as Pipes does), <aws.pipes.*> from the pipe. In a JSON template a value
// placeholder becomes JSON and a quoted one text; a template that is one placeholder is
// that value; any other text template is text.
import { scanTemplate, render, type ScannedTemplate } from '../manifest/pipe-template.js';
import { query } from './asl/jsonpath.js';

export interface PipeVariables {
  'aws.pipes.pipe-arn': string;
  'aws.pipes.pipe-name': string;
  'aws.pipes.source-arn': string;
  'aws.pipes.enrichment-arn': string;
  'aws.pipes.target-arn': string;
}

/** The record as paths and filters see it: an SQS body that is JSON, parsed. */
export function recordView(record: unknown): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const r = record as Record<string, unknown>;
  if (r.eventSource !== 'aws:sqs' || typeof r.body !== 'string') return record;
  try {
    return { ...r, body: JSON.parse(r.body) };
  } catch {
    return record;
  }
}

const scanned = new Map<string, ScannedTemplate>();

/** The record as the template shapes it (no template: the record unchanged). */
export function renderInput(template: string | undefined, record: unknown, vars: PipeVariables, now: number): unknown {
  if (template === undefined) return record;
  let t = scanned.get(template);
  if (!t) scanned.set(template, (t = scanTemplate(template)));
  const view = recordView(record);
  const lookup = (expr: string): unknown => {
    if (expr.startsWith('$')) {
      const r = query(expr, view);
      return r.found ? r.value : undefined;
    }
    if (expr === 'aws.pipes.event.ingestion-time') return new Date(now).toISOString();
    if (expr === 'aws.pipes.event' || expr === 'aws.pipes.event.json') return record;
    return vars[expr as keyof PipeVariables];
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  if (!t.json) {
    const only = t.placeholders.length === 1 && t.placeholders[0]!.start === 0 && t.placeholders[0]!.end === template.length;
    return only ? lookup(t.placeholders[0]!.expr) : render(t, (p) => text(lookup(p.expr)));
  }
  const out = render(t, (p) => (p.inString ? JSON.stringify(text(lookup(p.expr))).slice(1, -1) : JSON.stringify(lookup(p.expr) ?? null)));
  try {
    return JSON.parse(out);
  } catch {
    return out;
  }
}
