// The diagram block a project keeps in its README, between two markers, rewritten by
// `eda graph --readme` and checked by `eda graph --check-readme` (as `synth --check` checks
// template.yaml).
export const README_START = '<!-- eda:graph -->';
export const README_END = '<!-- /eda:graph -->';

/** The block: markers around a fenced mermaid diagram. */
export function readmeBlock(mermaid: string): string {
  return `${README_START}\n\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n${README_END}`;
}

export type ReadmeState = { state: 'fresh' } | { state: 'stale'; text: string } | { state: 'missing'; text: string } | { state: 'broken'; why: string };

/**
 * Where the README stands against the current diagram, and the text it should have. A README
 * without the markers gets an "Event flow" section at its end; an end marker before the start,
 * or only one of them, is left for the user to fix.
 */
export function readmeState(readme: string, mermaid: string): ReadmeState {
  const block = readmeBlock(mermaid);
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start === -1 ? 0 : start);
  if (start === -1 && readme.indexOf(README_END) === -1) {
    return { state: 'missing', text: `${readme.trimEnd()}${readme.trim() ? '\n\n' : ''}## Event flow\n\n${block}\n` };
  }
  if (start === -1 || end === -1) return { state: 'broken', why: start === -1 ? `${README_END} has no ${README_START} before it` : `${README_START} has no ${README_END} after it` };
  const text = readme.slice(0, start) + block + readme.slice(end + README_END.length);
  return text === readme ? { state: 'fresh' } : { state: 'stale', text };
}
