// The starters `eda new --template <name>` offers. Each is an app.yaml (as data, with notes
// for the reader) plus handler sources and tests under templates/starters/<name>/.
import type { ManifestNotes } from '../manifest-doc.js';
import { blank } from './blank.js';
import { api } from './api.js';
import { orderPipeline } from './order-pipeline.js';
import { fanOut } from './fan-out.js';
import { scheduled } from './scheduled.js';

export interface Starter {
  name: string;
  /** One line for menus and --help. */
  summary: string;
  /** The @aws-sdk packages its handlers import. */
  sdk: string[];
  /** Files from templates/project/ its handlers import (e.g. src/lib/http.ts). */
  shared?: string[];
  manifest(app: string): { manifest: Record<string, unknown>; notes: ManifestNotes };
}

export const starters: Starter[] = [blank, api, orderPipeline, fanOut, scheduled];

export const starterNames = starters.map((s) => s.name);

export function findStarter(name: string): Starter | undefined {
  return starters.find((s) => s.name === name);
}
