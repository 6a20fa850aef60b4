// Custom grants (`policies:` on functions and workflows): IAM statements for AWS actions `uses`
// and workflow integrations do not cover. Not a resource kind: the function and workflow kinds
// and the checks call these.
export { checkPolicies, STAR_ONLY_ACTIONS } from './checks.js';
export { policyModels } from './model.js';
export { policyStatements } from './synth.js';
