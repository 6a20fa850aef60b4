// What the deploy, diff, status, outputs, destroy and bootstrap commands share:
// loading the app, connecting to AWS, asking, Ctrl-C, and rendering tables.
import path from 'node:path';
import type { Output } from '@aws-sdk/client-cloudformation';
import { CancelledError, UsageError } from '../cli/errors.js';
import { createUi, table, type Ui } from '../cli/ui.js';
import type { AwsApi, Stack, StackEvent } from './api.js';
import type { ChangeRow } from './engine.js';
import { IAM_HEADERS, iamChanges, shownActions, type IamDiff, type IamRow } from './iam.js';
import { compactCondition, iamBlocks } from './iam-layout.js';
import type { Painter } from './progress.js';
import type { Template } from './template.js';

export interface AwsFlags {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export interface AppFlags extends AwsFlags {
  cwd?: string;
  stage?: string;
  json?: boolean;
}

export interface LoadedApp {
  cwd: string;
  name: string;
  stage: string;
  stackName: string;
  region?: string;
  template: Template;
  synthMs: number;
}

/** A stage name, as app.yaml names its stages: it becomes part of the stack name and of resource names. */
const STAGE_NAME = /^[a-z][a-zA-Z0-9-]{0,47}$/;

/**
 * Synthesizes the app in --cwd for --stage (app.yaml errors surface as InvalidAppError).
 * A malformed --stage is a usage error; app.yaml's warnings (e.g. a stage it does not
 * declare) go to stderr.
 */
export async function loadApp(flags: AppFlags): Promise<LoadedApp> {
  const cwd = path.resolve(flags.cwd ?? '.');
  const started = performance.now();
  const requested = flags.stage ?? 'dev';
  if (!STAGE_NAME.test(requested)) {
    throw new UsageError(
      `--stage "${requested}" is not a valid stage name.`,
      'Start with a lowercase letter, then use letters, digits and hyphens (at most 48 characters), e.g. --stage prod.',
    );
  }
  const { compile } = await import('../synth/index.js');
  const out = await compile({ cwd, stage: requested });
  if (out.project.warnings.length) {
    const { formatDiagnostics } = await import('../manifest/diagnostics.js');
    const ui = createUi({ stdout: process.stderr });
    ui.err(formatDiagnostics(out.project.warnings, ui.color));
  }
  const app = out.app as { name: string; stage: string; region?: string };
  const stage = app.stage ?? flags.stage ?? 'dev';
  return {
    cwd,
    name: app.name,
    stage,
    stackName: `${app.name}-${stage}`,
    region: app.region,
    template: out.template as Template,
    synthMs: performance.now() - started,
  };
}

/** Region precedence: --region, then the app's own region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile. */
export function chooseRegion(flag: string | undefined, appRegion: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag || appRegion || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export async function connect(flags: AwsFlags, appRegion?: string): Promise<AwsApi> {
  const { createAwsApi } = await import('./aws.js');
  return createAwsApi({ region: chooseRegion(flags.region, appRegion), profile: flags.profile, endpoint: flags.endpointUrl });
}

/** Human output goes to stdout, or to stderr when stdout carries JSON. */
export interface Out {
  ui: Ui;
  say(text: string): void;
  /** Raw writes to the human stream (the progress status line). */
  write(text: string): void;
  tty: boolean;
  paint: Painter;
  columns: number;
}

export function output(json: boolean | undefined): Out {
  const ui = createUi({ json });
  const stream = json ? process.stderr : process.stdout;
  const tty = Boolean((stream as { isTTY?: boolean }).isTTY) && process.env.TERM !== 'dumb';
  const c = ui.color;
  // Not a terminal (a pipe, a file, CI logs): lay out for 100 columns.
  const columns = (stream as { columns?: number }).columns ?? 100;
  return {
    ui,
    say: json ? ui.err : ui.out,
    write: (text) => void stream.write(text),
    tty,
    paint: { green: c.green, red: c.red, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold, columns },
    columns,
  };
}

/** Whether a question can be asked: stdin and the human stream are terminals. */
export function canAsk(out: Out): boolean {
  return Boolean(process.stdin.isTTY) && out.tty;
}

async function ask<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new CancelledError();
    throw error;
  }
}

export async function askConfirm(out: Out, message: string, defaultValue: boolean): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return ask(() => confirm({ message, default: defaultValue }, { output: out.ui.json ? process.stderr : process.stdout }));
}

export async function askInput(out: Out, message: string): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return ask(() => input({ message }, { output: out.ui.json ? process.stderr : process.stdout }));
}

/** Refusal when a confirmation is needed but nobody can answer. */
export function needsYes(what: string): UsageError {
  return new UsageError(`Refusing to ${what} without confirmation: there is no terminal to ask in.`, 'Pass --yes to go ahead without asking.');
}

/**
 * Ctrl-C handling while talking to AWS: the first Ctrl-C aborts the signal (the
 * command then stops what it is doing: deletes an unexecuted change set, or stops
 * watching); a second one exits at once (Node's default).
 */
export function interruptible(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

const ACTION_MARK: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Import: '←', Dynamic: '?' };

export function changeSetTable(rows: ChangeRow[], paint: Painter): string {
  if (rows.length === 0) return paint.dim('No resource changes: only outputs, tags, parameters or metadata change.');
  const color = (action: string, s: string) =>
    action === 'Add' ? paint.green(s) : action === 'Remove' ? paint.red(s) : action === 'Modify' ? paint.yellow(s) : s;
  return table(
    ['Action', 'Logical ID', 'Type', 'Replacement'],
    rows.map((r) => [
      color(r.action, `${ACTION_MARK[r.action] ?? ' '} ${r.action}`),
      r.logicalId,
      paint.dim(r.type),
      r.replacement === 'True' ? paint.red('Yes') : r.replacement === 'Conditional' ? paint.yellow('Maybe') : r.replacement === 'False' ? 'No' : '',
    ]),
    paint.bold,
  );
}

/**
 * The IAM changes of a deploy or diff: a headline (how many widen permissions), then a
 * table, or, when the table would be wider than `columns` (by default the width the
 * painter was made for; none: no limit), a block per change.
 */
export function iamSection(iam: IamDiff, paint: Painter, columns: number | undefined = paint.columns): string[] {
  const lines: string[] = [];
  const changes = iamChanges(iam);
  // A statement that changed shows as the rows of what it gains and loses.
  const n = changes.length;
  if (n === 0) return lines;
  if (iam.broadening.length) {
    lines.push(paint.yellow(paint.bold(`IAM: ${iam.broadening.length} change${iam.broadening.length === 1 ? ' widens' : 's widen'} permissions`)) + paint.dim(` (${n} IAM change${n === 1 ? '' : 's'} in all)`));
  } else {
    lines.push(paint.bold(`IAM: ${n} change${n === 1 ? '' : 's'}, none widen permissions`));
  }
  const cells = (r: IamRow) => [r.resource, r.effect, shownActions(r), r.principal, r.target, compactCondition(r.condition)];
  const plain = (c: string, i: number) => (i === 2 ? truncateList(c, 90) : i === 3 || i === 4 ? truncateList(c, 60) : truncate(c, 60));
  const tableText = (sign: (s: '+' | '-') => string) =>
    indent(table(IAM_HEADERS, changes.map((c) => [sign(c.sign), ...cells(c.row).map(plain)]), paint.bold));
  const width = Math.max(...tableText((s) => s).split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));
  if (columns === undefined || width <= columns) {
    lines.push(tableText((s) => (s === '+' ? paint.green('+') : paint.red('-'))));
  } else {
    lines.push(...iamBlocks(changes, paint, columns));
  }
  return lines;
}

/** A list ("a, b, c") cut at a whole item, saying how many more there are. */
function truncateList(s: string, n: number): string {
  if (s.length <= n) return s;
  const parts = s.split(', ');
  if (parts.length < 2) return truncate(s, n);
  let kept = 1;
  while (kept < parts.length && parts.slice(0, kept + 1).join(', ').length + ` +${parts.length - kept - 1} more`.length <= n) kept++;
  return `${parts.slice(0, kept).join(', ')} +${parts.length - kept} more`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

export function outputsTable(outputs: Output[] | undefined, paint: Painter): string {
  const list = [...(outputs ?? [])].sort((a, b) => (a.OutputKey ?? '').localeCompare(b.OutputKey ?? ''));
  return table(
    ['Output', 'Value'],
    list.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    paint.bold,
  );
}

export function outputsObject(stack: Stack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of stack?.Outputs ?? []) if (o.OutputKey) out[o.OutputKey] = o.OutputValue ?? '';
  return out;
}

export function causesSection(causes: StackEvent[], paint: Painter): string[] {
  if (!causes.length) return [];
  const lines = [paint.red(paint.bold('What failed:'))];
  for (const e of causes) {
    lines.push(`  ${paint.red('✖')} ${e.LogicalResourceId} ${paint.dim(`(${e.ResourceType}) ${e.ResourceStatus}`)}`);
    if (e.ResourceStatusReason) lines.push(`    ${e.ResourceStatusReason}`);
  }
  return lines;
}

export function eventJson(e: StackEvent) {
  return {
    logicalId: e.LogicalResourceId,
    type: e.ResourceType,
    status: e.ResourceStatus,
    reason: e.ResourceStatusReason,
    timestamp: e.Timestamp ? new Date(e.Timestamp).toISOString() : undefined,
  };
}
