// Live progress of a stack operation, rendered from CloudFormation stack events.
// On a TTY: a line per finished (or failed) resource and a status line at the bottom
// that is redrawn (counts, what is in progress, elapsed time). Otherwise: plain lines
// only, plus an occasional "still in progress" line.
import type { StackEvent } from '../../deploy/api.js';
import { isStackEvent } from '../../deploy/causes.js';
import { isInProgress, resourceDone, resourceFailed } from '../../deploy/status.js';
import type { ProgressSink } from '../../deploy/watch.js';
import { plainPainter, type Painter } from './output.js';

export interface ProgressOptions {
  stackName: string;
  /** Resources the operation is expected to touch (from the change set), if known. */
  total?: number;
  tty: boolean;
  paint?: Painter;
  /** Raw output (no newline is added). */
  write: (text: string) => void;
  /** ms since epoch, for the elapsed time on the status line. */
  now?: () => number;
  startedAt?: number;
  columns?: number;
  /** Non-TTY: print a "still in progress" line after this long without output (ms). */
  heartbeatMs?: number;
}

interface ResourceState {
  type: string;
  status: string;
  reason?: string;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (h > 0) return `${h}h${String(m % 60).padStart(2, '0')}m${String(s % 60).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export class ProgressRenderer implements ProgressSink {
  private readonly resources = new Map<string, ResourceState>();
  private readonly paint: Painter;
  private readonly now: () => number;
  private readonly startedAt: number;
  private firstEventAt?: number;
  private stackStatus?: string;
  private statusLineShown = false;
  private frame = 0;
  private lastOutputAt: number;
  private readonly seen = new Set<string>();
  /** Resources finished (or failed) in the current phase: forward, then rollback or cleanup. */
  private readonly phaseDone = new Set<string>();
  private phaseTotal: number;
  private rollingBack = false;

  constructor(private readonly options: ProgressOptions) {
    this.paint = options.paint ?? plainPainter;
    this.now = options.now ?? Date.now;
    this.startedAt = options.startedAt ?? this.now();
    this.lastOutputAt = this.startedAt;
    this.phaseTotal = options.total ?? 0;
  }

  get status(): string | undefined {
    return this.stackStatus;
  }

  /** Progress of the current phase: resources finished, in progress, failed, of how many. */
  counts(): { done: number; inProgress: number; failed: number; total: number } {
    let inProgress = 0;
    let failed = 0;
    for (const r of this.resources.values()) {
      if (resourceFailed(r.status)) failed++;
      else if (isInProgress(r.status)) inProgress++;
    }
    const total = this.rollingBack ? this.phaseTotal : Math.max(this.phaseTotal, this.resources.size);
    return { done: this.phaseDone.size, inProgress, failed, total: Math.max(total, this.phaseDone.size) };
  }

  inProgressIds(): string[] {
    return [...this.resources.entries()].filter(([, r]) => isInProgress(r.status)).map(([id]) => id);
  }

  /** Feeds events in chronological order (oldest first); duplicates are ignored. */
  onEvents(events: StackEvent[]): void {
    const lines: string[] = [];
    for (const e of events) {
      const id = e.EventId ?? `${e.LogicalResourceId}/${e.ResourceStatus}/${e.Timestamp?.valueOf()}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const ts = e.Timestamp ? new Date(e.Timestamp).valueOf() : undefined;
      if (ts !== undefined && this.firstEventAt === undefined) this.firstEventAt = ts;
      const status = e.ResourceStatus ?? '';
      if (isStackEvent(e, this.options.stackName)) {
        if (status === this.stackStatus) continue;
        const startsUndo = /ROLLBACK_IN_PROGRESS$/.test(status) || (status === 'DELETE_IN_PROGRESS' && /^CREATE_/.test(this.stackStatus ?? ''));
        if (startsUndo && !this.rollingBack) {
          // Undoing: count again, over what the forward phase touched.
          this.rollingBack = true;
          this.phaseTotal = this.resources.size;
          this.phaseDone.clear();
        }
        this.stackStatus = status;
        lines.push(this.stackLine(status, e.ResourceStatusReason, ts));
        continue;
      }
      const logicalId = e.LogicalResourceId ?? '?';
      this.resources.set(logicalId, { type: e.ResourceType ?? '', status, reason: e.ResourceStatusReason });
      if (resourceDone(status) || resourceFailed(status)) {
        this.phaseDone.add(logicalId);
        lines.push(this.resourceLine(logicalId, e.ResourceType ?? '', status, e.ResourceStatusReason, ts));
      }
    }
    if (lines.length) this.print(lines);
  }

  /** Redraws the status line (TTY) or prints a heartbeat (non-TTY) when due. */
  tick(): void {
    if (this.options.tty) {
      this.drawStatusLine();
      return;
    }
    const heartbeat = this.options.heartbeatMs ?? 30_000;
    const now = this.now();
    if (now - this.lastOutputAt >= heartbeat) {
      const ids = this.inProgressIds();
      const c = this.counts();
      this.print([
        this.paint.dim(
          `  … ${c.done}/${c.total} done${ids.length ? `, in progress: ${this.shortList(ids, 6)}` : ''} (${formatElapsed(now - this.startedAt)})`,
        ),
      ]);
    }
  }

  /** Clears the status line; call before printing anything else. */
  stop(): void {
    this.clearStatusLine();
  }

  private shortList(ids: string[], max: number): string {
    return ids.length > max ? `${ids.slice(0, max).join(', ')} +${ids.length - max}` : ids.join(', ');
  }

  private at(ts: number | undefined): string {
    if (ts === undefined || this.firstEventAt === undefined) return ''.padStart(6);
    return formatElapsed(ts - this.firstEventAt).padStart(6);
  }

  private colorStatus(status: string, pad = 20): string {
    const padded = status.padEnd(pad);
    if (resourceFailed(status)) return this.paint.red(padded);
    if (/ROLLBACK/.test(status)) return this.paint.yellow(padded);
    if (status === 'DELETE_SKIPPED') return this.paint.yellow(padded);
    if (resourceDone(status)) return this.paint.green(padded);
    return this.paint.cyan(padded);
  }

  private counter(): string {
    const c = this.counts();
    const width = String(c.total).length;
    return `[${String(c.done).padStart(width)}/${c.total}]`;
  }

  private resourceLine(logicalId: string, type: string, status: string, reason: string | undefined, ts: number | undefined): string {
    let line = `  ${this.paint.dim(this.counter())} ${this.paint.dim(this.at(ts))}  ${this.colorStatus(status)} ${this.paint.dim(type.padEnd(34))} ${logicalId}`;
    if (reason && (resourceFailed(status) || status === 'DELETE_SKIPPED')) {
      const cancelled = /cancel+ed/i.test(reason);
      line += `\n${' '.repeat(10)}${cancelled ? this.paint.dim(`└ ${reason}`) : `${this.paint.red('└')} ${reason}`}`;
    }
    return line.trimEnd();
  }

  private stackLine(status: string, reason: string | undefined, ts: number | undefined): string {
    const blank = ' '.repeat(this.counter().length);
    let line = `  ${blank} ${this.paint.dim(this.at(ts))}  ${this.paint.bold(`▸ ${this.options.stackName}`)} ${this.colorStatus(status, 0)}`;
    if (reason && reason !== 'User Initiated') line += `\n${' '.repeat(10)}${this.paint.dim(`└ ${reason.trim()}`)}`;
    return line.trimEnd();
  }

  private print(lines: string[]): void {
    this.clearStatusLine();
    this.options.write(lines.join('\n') + '\n');
    this.lastOutputAt = this.now();
    if (this.options.tty) this.drawStatusLine();
  }

  private clearStatusLine(): void {
    if (this.options.tty && this.statusLineShown) {
      this.options.write('\r\x1b[2K');
      this.statusLineShown = false;
    }
  }

  /** The TTY status line: stack status, counts, what is in progress, elapsed time. */
  statusLine(): string {
    const c = this.counts();
    const ids = this.inProgressIds();
    const parts = [
      `${c.done}/${c.total}${this.rollingBack ? ' rolled back' : ' done'}`,
      c.failed ? this.paint.red(`${c.failed} failed`) : '',
      ids.length ? `in progress: ${this.shortList(ids, 3)}` : '',
      formatElapsed(this.now() - this.startedAt),
    ].filter(Boolean);
    const spinner = SPINNER[this.frame++ % SPINNER.length]!;
    const line = `${this.paint.cyan(spinner)} ${this.options.stackName}${this.stackStatus ? ` ${this.paint.dim(this.stackStatus)}` : ''} · ${parts.join(' · ')}`;
    const columns = this.options.columns ?? 0;
    if (columns > 10) {
      const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
      if (plain.length > columns - 1) return plain.slice(0, columns - 2) + '…';
    }
    return line;
  }

  private drawStatusLine(): void {
    if (!this.options.tty) return;
    this.options.write(`\r\x1b[2K${this.statusLine()}`);
    this.statusLineShown = true;
  }
}
