// Workflows: definition files inside the project, and the Amazon States Language checks.
import { checkAsl } from '../../manifest/asl.js';
import { insideProject } from '../../manifest/files.js';
import type { CheckContext } from '../types.js';

export function checkWorkflows(c: CheckContext): void {
  for (const [wfName, wf] of Object.entries(c.m.workflows ?? {})) {
    if (!wf) continue;
    if (typeof wf.definition === 'string' && !insideProject(wf.definition)) {
      c.add({ path: ['workflows', wfName, 'definition'], code: 'path-outside', message: `definition file '${wf.definition}' is outside the project folder`, hint: 'keep workflow definitions in the project, e.g. workflows/' + wfName + '.asl.yaml' });
    }
    const fromFile = c.definitionFiles.get(wfName);
    const problems = fromFile
      ? checkAsl(fromFile.definition, [], c.declared.function, fromFile.file)
      : typeof wf.definition === 'object'
        ? checkAsl(wf.definition, ['workflows', wfName, 'definition'], c.declared.function)
        : [];
    for (const p of problems) c.add(p);
  }
}
