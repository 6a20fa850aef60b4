// What one Lambda (or Step Functions) log line says: its level, message and request ID,
// from the text format (`<time>\t<request id>\t<LEVEL>\t<message>`, START/END/REPORT) or
// the JSON format ({"level","message","requestId"} and {"type":"platform.*"} records).

export interface LogLine {
  level?: string;
  message: string;
  requestId?: string;
}

const TEXT = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\t([0-9a-f-]{36}|undefined)\t([A-Z]+)\t([\s\S]*)$/;
const PLATFORM = /^(START|END|REPORT|INIT_START|INIT_REPORT) (?:RequestId: ([0-9a-f-]{36}))?\s*([\s\S]*)$/;

function fromJson(record: Record<string, unknown>): LogLine | undefined {
  const type = typeof record.type === 'string' ? record.type : undefined;
  if (type?.startsWith('platform.')) {
    const rec = (record.record ?? {}) as Record<string, unknown>;
    const requestId = typeof rec.requestId === 'string' ? rec.requestId : undefined;
    const metrics = (rec.metrics ?? {}) as Record<string, unknown>;
    const detail = type === 'platform.report' && typeof metrics.durationMs === 'number'
      ? `Duration: ${metrics.durationMs} ms${typeof metrics.billedDurationMs === 'number' ? `, billed ${metrics.billedDurationMs} ms` : ''}${typeof metrics.maxMemoryUsedMB === 'number' ? `, ${metrics.maxMemoryUsedMB} MB used` : ''}`
      : '';
    return { level: type.slice('platform.'.length).toUpperCase(), message: detail, requestId };
  }
  if (!('message' in record) && !('level' in record)) return undefined;
  const message = record.message;
  const level = typeof record.level === 'string' ? record.level.toUpperCase() : undefined;
  const requestId = typeof record.requestId === 'string' ? record.requestId : typeof record.AWSrequestId === 'string' ? record.AWSrequestId : undefined;
  return { level, message: typeof message === 'string' ? message : JSON.stringify(message ?? record), requestId };
}

export function parseLogLine(raw: string): LogLine {
  const text = raw.replace(/\n+$/, '');
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const line = fromJson(parsed as Record<string, unknown>);
        if (line) return line;
      }
    } catch {
      // not JSON after all: shown as it is
    }
  }
  const t = TEXT.exec(text);
  if (t) return { level: t[3], message: t[4]!, requestId: t[2] === 'undefined' ? undefined : t[2] };
  const p = PLATFORM.exec(text);
  if (p) return { level: p[1], message: p[3]!.replace(/\t+/g, '  ').trim(), requestId: p[2] };
  return { message: text };
}
