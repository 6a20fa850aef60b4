// Checks on stages.<name> that the schema cannot express.
import type { AppManifest } from './app.types.js';
import type { Problem } from './problems.js';

/** Express mode skips the wait for resources to be ready: a production stage keeps the standard mode. */
export function checkStages(m: AppManifest, add: (p: Problem) => void): void {
  for (const [name, stage] of Object.entries(m.stages ?? {})) {
    if (stage?.production === true && stage.deploy?.express === true) {
      add({
        path: ['stages', name, 'deploy', 'express'],
        code: 'express-production',
        message: `stage '${name}' is marked production: true, and express deploys do not wait for resources to be ready (a failure after configuration is applied does not roll back)`,
        hint: `remove deploy.express from stages.${name} (use express for development stages), or drop production: true`,
      });
    }
  }
}
