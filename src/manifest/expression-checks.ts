// ${...} expressions wherever app.yaml allows them: each must name something declared, with an
// attribute its kind has. Also where CloudFormation cannot substitute them (pattern keys).
import type { AppManifest, PolicyStatementSpec } from './app.types.js';
import { closest, suggest } from '../core/did-you-mean.js';
import { dynamicReferenceProblem, parseExpressions, sections, unclosedExpression } from './expressions.js';
import type { Problem } from './problems.js';
import type { SemanticContext } from './semantics.js';
import type { Path } from './source.js';
import type { Kind } from '../core/names.js';

type Add = (p: Problem) => void;

/** attrs: the attributes of each section (tables → name, arn, streamArn), from the kinds' attributes.ts. */
export function checkExpressionUses(m: AppManifest, ctx: SemanticContext, declared: Record<Kind, string[]>, attrs: Record<string, string[]>, add: Add): void {
  const checkStrings = (value: unknown, path: Path, file?: string) => {
    if (typeof value === 'string') checkExpressions(value, path, m, { declared, attrs }, add, file);
    else if (Array.isArray(value)) value.forEach((v, i) => checkStrings(v, [...path, i], file));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkStrings(v, [...path, k], file);
  };
  checkStrings(m.defaults?.environment, ['defaults', 'environment']);
  for (const [name, stage] of Object.entries(m.stages ?? {})) checkStrings(stage?.defaults?.environment, ['stages', name, 'defaults', 'environment']);
  for (const [name, fn] of Object.entries(m.functions ?? {})) {
    checkStrings(fn?.environment, ['functions', name, 'environment']);
    (fn?.triggers ?? []).forEach((t, i) => {
      if (!t || typeof t !== 'object') return;
      const path = ['functions', name, 'triggers', i];
      if (t.event && typeof t.event === 'object') checkPattern(t.event.pattern, [...path, 'event', 'pattern'], checkStrings, add);
      checkStrings(t.input, [...path, 'input']);
    });
  }
  for (const [name, rule] of Object.entries(m.rules ?? {})) {
    if (!rule) continue;
    checkPattern(rule.pattern, ['rules', name, 'pattern'], checkStrings, add);
    (rule.targets ?? []).forEach((t, i) => t && checkStrings(t.input, ['rules', name, 'targets', i, 'input']));
  }
  for (const [name, wf] of Object.entries(m.workflows ?? {})) {
    const fromFile = ctx.definitionFiles.get(name);
    if (fromFile) checkStrings(fromFile.definition, [], fromFile.file);
    else if (typeof wf?.definition === 'object') checkStrings(wf.definition, ['workflows', name, 'definition']);
  }
  for (const [name, api] of Object.entries(m.apis ?? {})) {
    if (!api) continue;
    if (typeof api.auth === 'object') checkStrings((api.auth as { userPoolArn?: unknown }).userPoolArn, ['apis', name, 'auth', 'userPoolArn']);
    for (const [a, spec] of Object.entries(api.authorizers ?? {})) checkStrings(spec?.userPoolArn, ['apis', name, 'authorizers', a, 'userPoolArn']);
    checkStrings(api.domain?.certificateArn, ['apis', name, 'domain', 'certificateArn']);
  }
  for (const [name, output] of Object.entries(m.outputs ?? {})) {
    // Intrinsic functions ({ Ref: Id }, { Fn::Sub: ... }) are CloudFormation's own syntax: synth checks their targets.
    if (typeof output === 'string') checkStrings(output, ['outputs', name]);
    else if (output && typeof output === 'object' && 'value' in output && typeof output.value === 'string') checkStrings(output.value, ['outputs', name, 'value']);
  }
  checkNewPlaces(m, checkStrings);
}

/** Where expressions reach beyond the original places: custom policies, physical names, bus targets outside the app. */
function checkNewPlaces(m: AppManifest, checkStrings: (value: unknown, path: Path) => void): void {
  const withPolicies: [string, Record<string, { policies?: PolicyStatementSpec[] } | null> | null | undefined][] = [
    ['functions', m.functions],
    ['workflows', m.workflows],
  ];
  for (const [section, entries] of withPolicies) {
    for (const [name, spec] of Object.entries(entries ?? {})) {
      (spec?.policies ?? []).forEach((st, i) => {
        checkStrings(st?.resources, [section, name, 'policies', i, 'resources']);
        checkStrings(st?.conditions, [section, name, 'policies', i, 'conditions']);
      });
    }
  }
  for (const section of ['functions', 'queues', 'topics', 'tables', 'buses'] as const) {
    for (const [name, spec] of Object.entries(m[section] ?? {})) checkStrings((spec as { name?: unknown } | null)?.name, [section, name, 'name']);
  }
  for (const [name, rule] of Object.entries(m.rules ?? {})) {
    (rule?.targets ?? []).forEach((t, i) => {
      if (t?.bus && typeof t.bus === 'object') checkStrings(t.bus.arn, ['rules', name, 'targets', i, 'bus', 'arn']);
    });
  }
}

/** Where a value at this path ends up, for the message about secrets. */
function placeOf(path: Path): string {
  if (path.includes('environment')) return 'an environment variable';
  if (path[0] === 'outputs') return 'a stack output';
  if (path[0] === 'workflows') return 'a workflow definition';
  return 'the template';
}

/** Pattern values may hold expressions (CloudFormation substitutes them); keys cannot. */
function checkPattern(pattern: unknown, path: Path, checkStrings: (value: unknown, path: Path) => void, add: Add): void {
  checkStrings(pattern, path);
  const keys = (value: unknown, at: Path) => {
    if (Array.isArray(value)) value.forEach((v, i) => keys(v, [...at, i]));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('${')) add({ path: [...at, k], at: 'key', code: 'expr-pattern-key', message: `a key of an event pattern cannot hold an expression ('${k}')`, hint: 'CloudFormation substitutes values only; write the field name literally and put the expression in its list of values' });
        keys(v, [...at, k]);
      }
    }
  };
  keys(pattern, path);
}

function checkExpressions(value: string, path: Path, m: AppManifest, known: { declared: Record<Kind, string[]>; attrs: Record<string, string[]> }, add: (p: Problem) => void, file?: string): void {
  const { declared } = known;
  if (!value.includes('${')) return;
  const unclosed = unclosedExpression(value);
  if (unclosed !== undefined) {
    const raw = value.slice(unclosed, unclosed + 40);
    add({ path, file, offset: unclosed, code: 'expr-unclosed', message: `'${raw}' is missing its closing '}'`, hint: 'close the expression: ${kind.name.attr}, e.g. ${queues.orders.arn}' });
  }
  for (const piece of parseExpressions(value)) {
    if (piece.type === 'invalid') {
      const section = piece.inner.split('.')[0]!;
      const near = closest(section, [...Object.keys(sections), 'resources']);
      add({
        path,
        file,
        offset: piece.index,
        code: 'expr-invalid',
        message: `'${piece.raw}' is not an expression eda knows`,
        hint: near && near !== section ? `did you mean \${${near}.${piece.inner.split('.').slice(1).join('.')}}?` : 'write ${kind.name.attr}, e.g. ${tables.orders.name} or ${queues.payments.url}',
      });
    } else if (piece.type === 'parameter') {
      const params = m.parameters ?? {};
      const names = Object.keys(params);
      if (!names.includes(piece.name)) {
        add({ path, file, offset: piece.index + '${parameters.'.length, code: 'ref-unknown', message: `${piece.raw} refers to parameter '${piece.name}', which is not declared under parameters`, hint: suggest(piece.name, names, 'parameters') });
      } else if (/List/.test(params[piece.name]?.type ?? '')) {
        add({ path, file, offset: piece.index, code: 'parameter-list', message: `parameter '${piece.name}' is a list (${params[piece.name]!.type}); a list cannot be put into a string`, hint: 'declare it with type: String (a comma-separated string your code splits)' });
      }
    } else if (piece.type === 'dynamic') {
      const problem = dynamicReferenceProblem(piece.service, piece.body);
      if (problem) add({ path, file, offset: piece.index, code: 'dynamic-reference', message: `'${piece.raw}' is not a valid ${piece.service === 'ssm' ? 'SSM parameter' : 'Secrets Manager'} reference: ${problem}`, hint: piece.service === 'ssm' ? 'write ${ssm:/path/name} or ${ssm:/path/name:3}' : 'write ${secret:name}, ${secret:name:SecretString:jsonKey} or ${secret:arn:aws:secretsmanager:...}' });
      else if (piece.service === 'secret') {
        const where = placeOf(path);
        add({
          path,
          file,
          offset: piece.index,
          code: 'secret-inline',
          message: `${piece.raw} would put the secret's value into ${where}, where anyone who may read its configuration sees it`,
          hint: where === 'an environment variable' ? `grant the function the secret instead (uses: - secret: ${piece.body.split(':')[0]}) and read it at run time` : 'read the secret at run time with GetSecretValue; keep its value out of the template',
        });
      }
    } else if (piece.type === 'resource') {
      const ids = Object.keys(m.resources ?? {});
      if (!ids.includes(piece.id)) {
        add({ path, file, offset: piece.index + '${resources.'.length, code: 'ref-unknown', message: `${piece.raw} refers to resource '${piece.id}', which is not declared under resources`, hint: suggest(piece.id, ids, 'resources') });
      }
    } else if (piece.type === 'ref') {
      if (!declared[piece.kind].includes(piece.name)) {
        add({ path, file, offset: piece.index + 2 + piece.section.length + 1, code: 'ref-unknown', message: `${piece.raw} refers to ${piece.kind} '${piece.name}', which is not declared under ${piece.section}`, hint: suggest(piece.name, declared[piece.kind], piece.section) });
        continue;
      }
      const attrs = known.attrs[piece.section] ?? [];
      if (!attrs.includes(piece.attr)) {
        const near = closest(piece.attr, attrs);
        add({ path, file, offset: piece.index + piece.raw.length - 1 - piece.attr.length, code: 'expr-attr', message: `${piece.section} have no attribute '${piece.attr}'`, hint: near ? `did you mean '${near}'? (${attrs.join(', ')})` : `${piece.section} have: ${attrs.join(', ')}` });
      } else if (piece.attr === 'streamArn' && !m.tables?.[piece.name]?.stream) {
        add({ path, file, offset: piece.index, code: 'stream-off', message: `table '${piece.name}' has no stream, so it has no streamArn`, hint: `add stream: newAndOld to tables.${piece.name}` });
      }
    }
  }
}

