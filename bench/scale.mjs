// Makes an app N times the size of examples/order-pipeline: every resource copied N times under
// suffixed names, with every reference rewritten, so the copies are as connected as the original.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const sections = ['functions', 'tables', 'queues', 'topics', 'buses', 'rules', 'workflows'];
const refKeys = { table: 'tables', queue: 'queues', topic: 'topics', bus: 'buses', workflow: 'workflows', function: 'functions', stream: 'tables' };

export function scaledApp(examplePath, n) {
  const base = parse(readFileSync(examplePath, 'utf8'));
  const out = { ...base, outputs: {} };
  for (const s of sections) out[s] = {};
  for (let k = 1; k <= n; k++) {
    const sfx = k === 1 ? '' : `${k}`;
    const rename = (name) => (name === 'default' ? name : `${name}${sfx}`);
    const fixRefs = (list) =>
      (list ?? []).map((item) => {
        const copy = { ...item };
        for (const key of Object.keys(refKeys)) if (typeof copy[key] === 'string') copy[key] = rename(copy[key]);
        if (typeof copy.http === 'string') copy.http = copy.http.replace(/ \/(\w+)/, (_, seg) => ` /${seg}${sfx}`);
        return copy;
      });
    const rewrite = (value) => JSON.parse(JSON.stringify(value).replace(/\$\{(\w+)\.([\w-]+)\.(\w+)\}/g, (_, s, name, attr) => `\${${s}.${rename(name)}.${attr}}`));
    for (const [name, fn] of Object.entries(base.functions)) {
      out.functions[rename(name)] = { ...fn, handler: `src/handlers/${name}.ts`, uses: fixRefs(fn.uses), triggers: fixRefs(fn.triggers), ...(fn.environment ? { environment: rewrite(fn.environment) } : {}) };
    }
    for (const s of ['tables', 'queues', 'buses']) for (const [name, spec] of Object.entries(base[s] ?? {})) out[s][rename(name)] = spec;
    for (const [name, t] of Object.entries(base.topics ?? {})) out.topics[rename(name)] = { ...t, subscriptions: fixRefs(t.subscriptions) };
    for (const [name, r] of Object.entries(base.rules ?? {})) out.rules[rename(name)] = { ...r, ...(r.bus ? { bus: rename(r.bus) } : {}), targets: fixRefs(r.targets) };
    for (const [name, w] of Object.entries(base.workflows ?? {})) {
      const def = JSON.parse(JSON.stringify(w.definition));
      for (const st of Object.values(def.States)) if (st.Type === 'Task' && base.functions[st.Resource]) st.Resource = rename(st.Resource);
      out.workflows[rename(name)] = { ...w, definition: def };
    }
    for (const [name, o] of Object.entries(base.outputs ?? {})) out.outputs[`${name}${sfx}`] = rewrite(o);
  }
  return out;
}
