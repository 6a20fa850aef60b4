// The model is built by each kind's model.ts, in registry order (src/kinds/build.ts); this
// path stays for its importers.
export { API_THROTTLE, buildApp, DEFAULTS, targetId } from '../kinds/build.js';
