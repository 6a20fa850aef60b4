// S3 buckets: `buckets:` entries, the bucket triggers of functions (EventBridge rules on the
// default bus), `uses: - bucket: x` with access, ${buckets.X.name|arn}.
import type { KindDefinition } from '../types.js';
import { bucketAttributes } from './attributes.js';
import { checkBuckets } from './checks.js';
import { bucketGrants } from './grants.js';
import { modelBuckets } from './model.js';
import { bucketScaffold } from './scaffold.js';
import { synthBuckets } from './synth.js';

export const bucket: KindDefinition = { name: 'bucket', check: checkBuckets, model: modelBuckets, attributes: bucketAttributes, grants: bucketGrants, synth: [synthBuckets], scaffold: bucketScaffold };
