// Lambda functions: `functions:` entries with their uses, triggers and failure destinations,
// ${functions.X.arn|name}.
import type { KindDefinition } from '../types.js';
import { functionAttributes } from './attributes.js';
import { checkFunctions } from './checks.js';
import { functionGrants } from './grants.js';
import { modelFunctions } from './model.js';
import { synthFunctions } from './synth.js';
import { functionScaffold } from './scaffold.js';

export const fn: KindDefinition = { name: 'function', check: checkFunctions, model: modelFunctions, attributes: functionAttributes, grants: functionGrants, synth: [synthFunctions], scaffold: functionScaffold };
