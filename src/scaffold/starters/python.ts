// The starters `eda new --language python` offers: the same apps as their TypeScript twins
// (blank, api, order-pipeline), with Python functions. Their handlers and pytest tests are under
// templates/starters-python/<name>/; the project files around them in templates/project-python/.
import type { ManifestNotes } from '../manifest-doc.js';
import { api } from './api.js';
import { blank } from './blank.js';
import type { Starter } from './index.js';
import { orderPipeline } from './order-pipeline.js';

export const PYTHON_RUNTIME = 'python3.13';

export type Language = 'typescript' | 'python';
export const languages: Language[] = ['typescript', 'python'];

/** The Python twin of a TypeScript starter: runtime python3.13, and notes that name .py files and resources.py. */
function python(starter: Starter): Starter {
  return {
    name: starter.name,
    summary: starter.summary,
    sdk: [],
    manifest: (app) => {
      const { manifest, notes } = starter.manifest(app);
      return { manifest: { ...manifest, runtime: PYTHON_RUNTIME }, notes: pythonNotes(notes) };
    },
  };
}

function pythonNotes(notes: ManifestNotes): ManifestNotes {
  const text = (s: string) =>
    s
      .replace(/src\/generated\/resources\.ts/g, 'src/generated/resources.py')
      .replace(/(src\/handlers\/[^\s)]*)\.ts/g, '$1.py')
      .replace(/\(exports `handler`\)/g, '(defines `handler(event, context)`)')
      .replace(/read them typed: resources\./g, 'read them: resources.');
  const map = (m?: Record<string, string>) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, text(v)])) : undefined);
  return { ...notes, above: map(notes.above), inline: map(notes.inline) } as ManifestNotes;
}

export const pythonStarters: Starter[] = [blank, api, orderPipeline].map(python);

export const pythonStarterNames = pythonStarters.map((s) => s.name);

export function findPythonStarter(name: string): Starter | undefined {
  return pythonStarters.find((s) => s.name === name);
}
