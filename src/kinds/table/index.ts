// DynamoDB tables: `tables:` entries, their stream triggers, ${tables.X.name|arn|streamArn}.
import type { KindDefinition } from '../types.js';
import { tableAttributes } from './attributes.js';
import { checkTables } from './checks.js';
import { tableGrants } from './grants.js';
import { modelTables } from './model.js';
import { synthTables } from './synth.js';
import { tableScaffold } from './scaffold.js';

export const table: KindDefinition = { name: 'table', check: checkTables, model: modelTables, attributes: tableAttributes, grants: tableGrants, synth: [synthTables], scaffold: tableScaffold };
