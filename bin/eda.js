#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry would cost Node its module loader's start-up.
require('../dist/main.cjs');
