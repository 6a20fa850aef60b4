// A hand-written app.yaml full of comments and odd formatting, for byte-level tests of
// eda add / eda remove, and a snapshot of a folder to prove nothing changed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { eda, tempProject } from '../../support/cli.js';

/** Hand-written: comments everywhere, four-space and two-space sections, flow maps, quotes. */
export const oddManifest = `# yaml-language-server: $schema=./node_modules/eda/schema/app.schema.json
#  The shop   -- written by hand, with     odd spacing.

name:   shop          # two spaces after the colon
description: "Orders, 'quoted' oddly"
runtime: 'nodejs24.x'

defaults: {memory: 256, timeout: 10}

functions:

    # Four-space indentation in this section.
    createOrder:
        triggers:
        -   http: POST /orders        # dash with extra spaces
        uses: [ {table: orders}, {bus: orders} ]

    getOrder: {triggers: [{http: 'GET /orders/{id}'}], uses: [{table: orders, access: read}]}

tables:
  orders:
    partitionKey: id   # trailing comment
    # sortKey: createdAt:number

queues: {payments: {dlq: {maxReceives: 3}}}

buses:
  orders: {}
# a comment at column 0 between sections
topics: {}
rules:
  nightly:
    schedule: "rate(1 day)"    # quoted
    targets:
      - function: getOrder

# the end, no trailing newline after this line
outputs: {}`;

export async function oddProject(): Promise<string> {
  const dir = tempProject({ 'app.yaml': oddManifest });
  const synth = await eda(['synth'], { cwd: dir });
  expect(synth.exitCode, synth.stderr).toBe(0);
  return dir;
}


/** Every file under dir with its content (temp files would show up here too). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = readFileSync(path.join(dir, p), 'utf8');
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}
