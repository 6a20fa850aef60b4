// Checks on `parameters:` and each stage's `parameters:`: a value fits its parameter's type and
// allowed values, a stage names only declared parameters (did you mean), and a noEcho default
// is called out (it is written in the template in plain text).
import { suggest } from '../../core/did-you-mean.js';
import type { ParameterSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

export function checkParameters(c: CheckContext): void {
  const params = c.m.parameters ?? {};
  for (const [name, spec] of Object.entries(params)) {
    if (spec?.default !== undefined) checkValue(c, name, spec, spec.default, ['parameters', name, 'default']);
    if (spec?.noEcho && spec.default !== undefined) {
      c.add({ path: ['parameters', name, 'default'], severity: 'warning', code: 'parameter-noecho-default', message: `parameter '${name}' hides its value (noEcho) but its default is written in the template in plain text`, hint: 'leave the default out and pass the value with eda deploy --parameter, or read it from SSM (type: AWS::SSM::Parameter::Value<String>)' });
    }
  }
  for (const [stage, spec] of Object.entries(c.m.stages ?? {})) {
    for (const [name, value] of Object.entries(spec?.parameters ?? {})) {
      const path = ['stages', stage, 'parameters', name];
      const declared = params[name];
      if (declared === undefined) {
        c.add({ path, at: 'key', code: 'ref-unknown', message: `stage '${stage}' sets parameter '${name}', which is not declared under parameters`, hint: suggest(name, Object.keys(params), 'parameters') });
      } else checkValue(c, name, declared ?? {}, value, path);
    }
  }
}

/** A value must suit the parameter's type (a number for Number, a list only for list types) and be allowed. */
function checkValue(c: CheckContext, name: string, spec: ParameterSpec, value: unknown, path: Path): void {
  const type = spec?.type ?? 'String';
  const isList = /List/.test(type);
  if (Array.isArray(value) && !isList) {
    c.add({ path, code: 'parameter-value', message: `parameter '${name}' is a ${type}, not a list`, hint: 'give one value, or declare type: CommaDelimitedList' });
    return;
  }
  const items = Array.isArray(value) ? value : isList ? String(value).split(',') : [value];
  if ((type === 'Number' || type === 'List<Number>') && items.some((v) => String(v).trim() === '' || !Number.isFinite(Number(v)))) {
    c.add({ path, code: 'parameter-value', message: `parameter '${name}' is a ${type}; '${String(value)}' is not a number` });
    return;
  }
  const allowed = spec?.allowed?.map(String);
  if (allowed && !isList && !allowed.includes(String(value))) {
    c.add({ path, code: 'parameter-value', message: `'${String(value)}' is not an allowed value of parameter '${name}'`, hint: `allowed: ${allowed.join(', ')}` });
  }
}
