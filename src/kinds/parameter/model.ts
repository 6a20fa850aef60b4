// Parameters in the model: each with the value the stage gives it (stages.<stage>.parameters)
// or else its declared default, as the text CloudFormation takes (lists joined with commas).
import type { AppManifest } from '../../manifest/app.types.js';
import type { ParameterModel } from '../../model/types.js';

export function modelParameters(m: AppManifest, stage: string): ParameterModel[] {
  const stageValues = m.stages?.[stage]?.parameters ?? {};
  return Object.entries(m.parameters ?? {}).map(([name, spec]): ParameterModel => {
    const value = stageValues[name] ?? spec?.default;
    return {
      name,
      type: spec?.type ?? 'String',
      value: value === undefined ? undefined : parameterText(value),
      allowed: spec?.allowed?.map(String),
      noEcho: spec?.noEcho ?? false,
      description: spec?.description,
      path: ['parameters', name],
    };
  });
}

/** A parameter value as CloudFormation takes it: lists as comma-separated text. */
export function parameterText(value: string | number | (string | number)[]): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}
