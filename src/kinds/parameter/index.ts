// Template parameters (`parameters:`, ${parameters.X}, stages.<stage>.parameters): not a resource
// kind, so not in the registry; the checks, the model and synth call these directly.
export { checkParameters } from './checks.js';
export { modelParameters, parameterText } from './model.js';
export { templateParameters } from './synth.js';
