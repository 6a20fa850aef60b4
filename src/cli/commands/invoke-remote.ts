// eda invoke <function> --remote: invokes the deployed function (Lambda Invoke), with an event
// from a file or a sample built with the deployed stage's names; prints the result, the log tail
// and the duration, or (--async) that Lambda accepted the event.
import { EdaError } from '../../core/errors.js';
import { closest, suggest } from '../../core/did-you-mean.js';
import type { CloudApi, InvokeOutput } from '../../deploy/cloud-api.js';
import { connect } from '../../deploy/connect.js';
import { deployedFunctionName, parseReport } from '../../deploy/remote-invoke.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { createUi, type Ui } from '../kit/output.js';
import { chooseSample, readEvent, type InvokeCommandOptions } from './invoke.js';

export interface RemoteInvokeOptions extends AppFlags, Omit<InvokeCommandOptions, keyof AppFlags> {
  async?: boolean;
}

export interface RemoteInvokeDeps {
  ui?: Ui;
  cloud?: CloudApi;
  stdin?: NodeJS.ReadableStream;
}

export async function remoteInvokeCommand(name: string, opts: RemoteInvokeOptions, deps: RemoteInvokeDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({ json: opts.json });
  const app = await loadApp(opts);
  const fn = app.model.functions.find((f) => f.name === name);
  if (!fn) {
    const names = app.model.functions.map((f) => f.name);
    throw new EdaError(`'${name}' is not a function in app.yaml.`, suggest(name, names, 'function') || `functions: ${names.join(', ') || 'none'}`);
  }
  const samples = await import('../../local/samples.js');
  const chosen = opts.sample === undefined || opts.sample === false ? {} : chooseSample(samples, closest, app.model, fn, opts.sample);
  const kind = chosen.kind;
  const fileEvent = opts.event !== undefined ? await readEvent(opts.event, app.cwd, deps.stdin) : undefined;

  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS' || stack.StackStatus === 'DELETE_COMPLETE') {
    throw new EdaError(`Stack ${app.stackName} is not deployed in ${aws.region}.`, `Deploy it with \`eda deploy --stage ${app.stage}\`, or invoke the handler locally without --remote.`);
  }
  const resources = await aws.cfn.listStackResources(stack.StackId ?? app.stackName);
  const functionName = deployedFunctionName(fn.logicalId, fn.name, resources, app.stackName, app.stage);
  let event: unknown = fileEvent ?? {};
  if (kind) {
    const { DeployedAddresses, stackWhere } = await import('../../local/deployed-addresses.js');
    const physical = new Map(resources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
    event = samples.sampleEvent(app.model, fn, kind, new DeployedAddresses(app.model, { ...stackWhere(stack.StackId, aws.region), physical }), Date.now(), chosen.event);
  }
  const cloud = deps.cloud ?? (await import('../../deploy/aws-cloud.js')).createCloudApi(aws, { profile: opts.profile, endpoint: opts.endpointUrl });
  if (!opts.json) ui.err(ui.paint.dim(`Invoking ${functionName} in ${aws.region}${opts.async ? ' (asynchronously)' : ''}${kind ? ` with a sample ${chosen.event ?? kind} event` : opts.event ? ` with ${opts.event}` : ''}`));
  const out = await cloud.lambda.invoke({ functionName, payload: JSON.stringify(event), async: Boolean(opts.async) });
  return opts.async ? showAccepted(ui, opts, name, functionName, out) : showResult(ui, opts, name, functionName, out);
}

function showAccepted(ui: Ui, opts: RemoteInvokeOptions, name: string, functionName: string, out: InvokeOutput): number {
  if (opts.json) {
    ui.out(JSON.stringify({ function: name, functionName, async: true, statusCode: out.statusCode, requestId: out.requestId }, null, 2));
  } else {
    ui.say(`${ui.paint.green('✓')} Accepted (${out.statusCode ?? 202}): Lambda queued the event for ${name} (${functionName}); request id ${out.requestId ?? 'unknown'}`);
    ui.say(ui.paint.dim(`  Its logs: eda logs ${name}${opts.stage && opts.stage !== 'dev' ? ` --stage ${opts.stage}` : ''} --follow`));
  }
  return 0;
}

function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return null;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

function showResult(ui: Ui, opts: RemoteInvokeOptions, name: string, functionName: string, out: InvokeOutput): number {
  const { paint } = ui;
  const value = parsePayload(out.payload);
  const report = parseReport(out.logTail);
  const requestId = out.requestId ?? report?.requestId;
  if (opts.json) {
    ui.out(
      JSON.stringify(
        {
          function: name,
          functionName,
          ok: !out.functionError,
          statusCode: out.statusCode,
          requestId,
          ...(out.functionError ? { functionError: out.functionError, error: value } : { result: value }),
          ...(report?.durationMs !== undefined ? { durationMs: report.durationMs, billedMs: report.billedMs, maxMemoryMb: report.maxMemoryMb, memoryMb: report.memoryMb } : {}),
          ...(report?.initMs !== undefined ? { initMs: report.initMs } : {}),
          executedVersion: out.executedVersion,
          logs: out.logTail,
        },
        null,
        2,
      ),
    );
    return out.functionError ? 1 : 0;
  }
  if (out.logTail) {
    ui.err(paint.dim('Log tail (the last 4 KB):'));
    ui.err(paint.dim(out.logTail.replace(/\n$/, '').replace(/^/gm, '  ')));
  }
  const timing = report?.durationMs !== undefined
    ? `${report.durationMs} ms${report.billedMs !== undefined ? ` (billed ${report.billedMs} ms)` : ''}${report.initMs !== undefined ? `, cold start ${report.initMs} ms` : ''}${report.maxMemoryMb !== undefined ? `, ${report.maxMemoryMb} of ${report.memoryMb} MB` : ''}`
    : 'duration unknown (no REPORT line in the log tail)';
  if (out.functionError) {
    const err = value as { errorType?: string; errorMessage?: string; stackTrace?: string[] } | null;
    ui.err(`${paint.red('✗')} ${name} failed (${out.functionError}) in ${timing}${requestId ? paint.dim(`  request id ${requestId}`) : ''}`);
    if (err && typeof err === 'object' && err.errorMessage !== undefined) {
      ui.err(`${paint.red(err.errorType ?? 'Error')}: ${err.errorMessage}`);
      if (err.stackTrace?.length) ui.err(paint.dim(err.stackTrace.map((l) => `    ${l.trim()}`).join('\n')));
    } else ui.err(JSON.stringify(value, null, 2));
    return 1;
  }
  ui.out(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  ui.err(`${paint.green('✓')} ${name} ran in ${timing}${requestId ? paint.dim(`  request id ${requestId}`) : ''}`);
  return 0;
}
