// app.yaml's text → diagnostics and the manifest: the manifest's own checks (YAML, schema,
// definition files) and then every kind's semantic checks. The pipeline's first stage.
import { checkSemantics } from '../kinds/check.js';
import { validateDocument, type Validated } from '../manifest/load.js';

export function validateText(text: string, opts: { file?: string; cwd: string; stage?: string }): Validated {
  return validateDocument(text, opts, checkSemantics);
}
