// A distributed Map's ItemReader and ResultWriter on S3, through the task runner's s3
// integrations: items from a JSON array, JSON Lines or CSV object (csv-parse reads it) or from
// a ListObjectsV2 listing, at most MaxItems of them; results written as AWS writes them, a
// manifest.json beside SUCCEEDED_0.json / FAILED_0.json under <Prefix>/<map run id>/.
import { parse as parseCsv } from 'csv-parse/sync';
import { uuid } from '../ids.js';
import { StatesError } from './errors.js';
import { attemptTask, runItems, type MapRun } from './flow.js';
import type { ContextObject, Json, Run, RunMachine } from './types.js';

const readerError = (cause: string) => new StatesError('States.ItemReaderFailed', cause);

/** The items an ItemReader names; `params` are its evaluated Parameters / Arguments. */
export async function readItems(reader: Json, params: unknown, ctx: ContextObject, run: Run, label: string): Promise<unknown[]> {
  const resource = String(reader.Resource);
  const config = (reader.ReaderConfig ?? {}) as Json;
  const result = (await attemptTask({ resource, input: () => params }, ctx, run, label)) as Json;
  const items = /:listObjectsV2$/.test(resource) ? listed(result) : parsed(String(result.Body ?? ''), config);
  const max = config.MaxItems;
  return typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
}

/** ListObjectsV2's objects, each as the item AWS hands the iteration. */
function listed(result: Json): unknown[] {
  return ((result.Contents as Json[] | undefined) ?? []).map((c) => ({ Etag: c.ETag, Key: c.Key, LastModified: c.LastModified, Size: c.Size, StorageClass: c.StorageClass }));
}

function parsed(body: string, config: Json): unknown[] {
  const type = (config.InputType as string | undefined) ?? 'JSON';
  try {
    if (type === 'JSON') {
      const value = JSON.parse(body) as unknown;
      if (!Array.isArray(value)) throw readerError('The ItemReader object is not a JSON array');
      return value;
    }
    if (type === 'JSONL') return body.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
    if (type === 'CSV') {
      const given = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders as string[] | undefined) : undefined;
      return parseCsv(body, { columns: given ?? true, skip_empty_lines: true }) as unknown[];
    }
  } catch (error) {
    throw error instanceof StatesError ? error : readerError(`The ItemReader could not read the object as ${type}: ${(error as Error).message}`);
  }
  throw readerError(`InputType ${type} is not supported by the local runtime (JSON, JSONL and CSV are)`);
}

/** Writes the Map's results to S3 and returns what the Map state outputs instead of them. */
export async function writeResults(writer: Json, params: Json, items: unknown[], results: unknown[], failed: Set<number>, ctx: ContextObject, run: Run, label: string): Promise<unknown> {
  const runId = uuid();
  const mapRunArn = `${ctx.StateMachine.Id.replace(':stateMachine:', ':mapRun:')}/${label.replace(/[^\w-]/g, '-')}:${runId}`;
  const prefix = `${typeof params.Prefix === 'string' && params.Prefix ? `${params.Prefix.replace(/\/$/, '')}/` : ''}${runId}/`;
  const put = (key: string, body: unknown) => attemptTask({ resource: String(writer.Resource), input: () => ({ Bucket: params.Bucket, Key: `${prefix}${key}`, Body: JSON.stringify(body) }) }, ctx, run, label);
  const entries = (ok: boolean) => items.flatMap((input, i) => (failed.has(i) === !ok ? [{ Input: JSON.stringify(input), Output: JSON.stringify(results[i] ?? null), Status: ok ? 'SUCCEEDED' : 'FAILED' }] : []));
  const files = [
    { status: 'SUCCEEDED', name: 'SUCCEEDED_0.json', entries: entries(true) },
    { status: 'FAILED', name: 'FAILED_0.json', entries: entries(false) },
  ].filter((f) => f.entries.length);
  for (const f of files) await put(f.name, f.entries);
  const resultFiles = Object.fromEntries(files.map((f) => [f.status, [{ Key: `${prefix}${f.name}`, Size: Buffer.byteLength(JSON.stringify(f.entries)) }]]));
  await put('manifest.json', { DestinationBucket: params.Bucket, MapRunArn: mapRunArn, ResultFiles: resultFiles });
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: params.Bucket, Key: `${prefix}manifest.json` } };
}

/** Runs a Map's items, then writes their results when it has a ResultWriter (its output is then the manifest's place). */
export async function runAndWrite(m: MapRun, writer: Json | undefined, writerParams: () => unknown, ctx: ContextObject, run: Run, label: string, runMachine: RunMachine): Promise<unknown> {
  const failed = new Set<number>();
  const results = await runItems({ ...m, failed }, ctx, run, label, runMachine);
  if (!writer) return results;
  return writeResults(writer, (await writerParams()) as Json, m.items, results, failed, ctx, run, label);
}
