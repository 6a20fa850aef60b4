// A CloudFormation (SAM) template as a plain object: what synth builds, and what deploy reads
// back from CloudFormation, compares, rewrites and uploads. One type for both.

/** One resource of a template: Type, Properties, DeletionPolicy, DependsOn, ... */
export type TemplateResource = Record<string, any>;

export interface Template {
  Resources: Record<string, TemplateResource>;
  [section: string]: any;
}
