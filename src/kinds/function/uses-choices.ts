// The interactive "What may it use?" list of `eda add function`: an entry for everything
// `--uses` accepts — each table with read and write, read only or write only access, queues,
// topics, buses (the default one too), workflows, functions, and a secret by name or ARN.
import type { Choice } from '../../core/prompts.js';
import type { Inventory } from '../scaffold-inventory.js';
import type { Spec } from '../scaffold-types.js';

/** Stands for "a secret": its name or ARN is asked for once it is picked. */
const SECRET: Spec = { secret: '' };

export function usesChoices(inv: Inventory): Choice<Spec>[] {
  const choices: Choice<Spec>[] = [];
  for (const n of inv.names('table')) {
    choices.push({ name: `table ${n} (read and write)`, value: { table: n } });
    choices.push({ name: `table ${n} (read only)`, value: { table: n, access: 'read' } });
    choices.push({ name: `table ${n} (write only)`, value: { table: n, access: 'write' } });
  }
  for (const n of inv.names('queue')) choices.push({ name: `queue ${n} (send)`, value: { queue: n } });
  for (const n of inv.names('topic')) choices.push({ name: `topic ${n} (publish)`, value: { topic: n } });
  for (const n of ['default', ...inv.names('bus').filter((b) => b !== 'default')]) choices.push({ name: `bus ${n} (put events)`, value: { bus: n } });
  for (const n of inv.names('workflow')) choices.push({ name: `workflow ${n} (start executions)`, value: { workflow: n } });
  for (const n of inv.names('function')) choices.push({ name: `function ${n} (invoke)`, value: { function: n } });
  for (const n of inv.names('api').filter((a) => inv.entry('api', a)?.type === 'websocket')) choices.push({ name: `websocket api ${n} (post to its connections)`, value: { api: n } });
  choices.push({ name: 'a secret in Secrets Manager (read its value; asks for its name or ARN)', value: SECRET });
  return choices;
}

/** The `uses` entries for what was picked: one access per table (the first picked), the secret's name asked for. */
export async function pickedUses(picked: Spec[], askSecret: () => Promise<string>): Promise<Spec[]> {
  const uses: Spec[] = [];
  const tables = new Set<unknown>();
  for (const p of picked) {
    if (p === SECRET) {
      uses.push({ secret: await askSecret() });
      continue;
    }
    if (p.table !== undefined) {
      if (tables.has(p.table)) continue;
      tables.add(p.table);
    }
    uses.push(p);
  }
  return uses;
}
