// Benchmarks of the local ASL interpreter, in-process: executions per second of a 10-state
// workflow written in JSONPath and the same workflow in JSONata (tasks answer at once).
// The interpreter is bundled from src/ with esbuild for the run. Runnable alone
// (`node bench/asl.mjs`); bench/run.mjs imports benchAsl().
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const jsonPath = {
  StartAt: 'S1',
  States: {
    S1: { Type: 'Pass', Parameters: { 'order.$': '$', 'total.$': '$.total' }, Next: 'S2' },
    S2: { Type: 'Task', Resource: 'price', Parameters: { 'total.$': '$.total' }, ResultPath: '$.priced', Next: 'S3' },
    S3: { Type: 'Choice', Choices: [{ Variable: '$.priced.total', NumericGreaterThan: 100, Next: 'S4' }], Default: 'S4' },
    S4: { Type: 'Pass', Assign: { 'seen.$': '$.total' }, Next: 'S5' },
    S5: { Type: 'Task', Resource: 'reserve', ResultSelector: { 'ok.$': '$.ok' }, ResultPath: '$.reserved', Next: 'S6' },
    S6: { Type: 'Pass', Parameters: { 'id.$': "States.Format('order-{}', $.order.id)", 'total.$': '$seen' }, ResultPath: '$.meta', Next: 'S7' },
    S7: { Type: 'Map', ItemsPath: '$.order.items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, ResultPath: '$.items', Next: 'S8' },
    S8: { Type: 'Task', Resource: 'ship', ResultPath: null, Next: 'S9' },
    S9: { Type: 'Pass', OutputPath: '$.meta', Next: 'S10' },
    S10: { Type: 'Succeed' },
  },
};

const jsonata = {
  QueryLanguage: 'JSONata',
  StartAt: 'S1',
  States: {
    S1: { Type: 'Pass', Output: { order: '{% $states.input %}', total: '{% $states.input.total %}' }, Next: 'S2' },
    S2: { Type: 'Task', Resource: 'price', Arguments: { total: '{% $states.input.total %}' }, Output: '{% $merge([$states.input, { "priced": $states.result }]) %}', Next: 'S3' },
    S3: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.priced.total > 100 %}', Next: 'S4' }], Default: 'S4' },
    S4: { Type: 'Pass', Assign: { seen: '{% $states.input.total %}' }, Next: 'S5' },
    S5: { Type: 'Task', Resource: 'reserve', Output: '{% $merge([$states.input, { "reserved": { "ok": $states.result.ok } }]) %}', Next: 'S6' },
    S6: { Type: 'Pass', Output: '{% $merge([$states.input, { "meta": { "id": "order-" & $states.input.order.id, "total": $seen } }]) %}', Next: 'S7' },
    S7: { Type: 'Map', Items: '{% $states.input.order.items %}', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Output: '{% $merge([$states.input, { "items": $states.result }]) %}', Next: 'S8' },
    S8: { Type: 'Task', Resource: 'ship', Output: '{% $states.input %}', Next: 'S9' },
    S9: { Type: 'Pass', Output: '{% $states.input.meta %}', Next: 'S10' },
    S10: { Type: 'Succeed' },
  },
};

const tasks = { price: (i) => ({ total: i.total * 1.2 }), reserve: () => ({ ok: true }), ship: () => ({}) };
const context = {
  Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:b:e', Input: {}, Name: 'e', RoleArn: 'r', StartTime: '2026-01-01T00:00:00Z', RedriveCount: 0 },
  StateMachine: { Id: 'arn:aws:states:us-east-1:000000000000:stateMachine:b', Name: 'b' },
};
const input = { id: 'o1', total: 120, items: [1, 2, 3] };

async function loadInterpreter() {
  const dir = mkdtempSync(path.join(tmpdir(), 'eda-bench-asl-'));
  const outfile = path.join(dir, 'asl.mjs');
  await build({
    stdin: { contents: "export { runStateMachine } from './src/local/asl/interpreter.ts'; export { realClock } from './src/local/clock.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    nodePaths: [path.join(root, 'node_modules')],
  });
  const mod = await import(pathToFileURL(outfile).href);
  return { mod, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function perSecond(mod, definition, ms = 1500) {
  const options = { context, clock: mod.realClock, tasks: async (call) => tasks[call.resource](call.input) };
  for (let i = 0; i < 200; i++) await mod.runStateMachine(definition, input, options); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await mod.runStateMachine(definition, input, options);
    n++;
  }
  return (n / (performance.now() - start)) * 1000;
}

export async function benchAsl() {
  const { mod, cleanup } = await loadInterpreter();
  try {
    const a = await mod.runStateMachine(jsonPath, input, { context, clock: mod.realClock, tasks: async (c) => tasks[c.resource](c.input) });
    const b = await mod.runStateMachine(jsonata, input, { context, clock: mod.realClock, tasks: async (c) => tasks[c.resource](c.input) });
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two workflows disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    const path_ = await perSecond(mod, jsonPath);
    const ata = await perSecond(mod, jsonata);
    return [
      { name: 'ASL: 10-state JSONPath workflow, executions/s in-process', value: path_, unit: '/s', ratio: 1, target: 'baseline' },
      { name: 'ASL: the same workflow in JSONata, executions/s', value: ata, unit: '/s', ratio: ata / path_, target: 'ratio to JSONPath' },
    ];
  } finally {
    cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchAsl()) console.log(`${r.name}: ${r.value.toFixed(0)}${r.unit} (${r.ratio.toFixed(2)}×)`);
}
