// Copied to dist/main.js by the build: the entry as an ES module, for whoever imports it
// (bin/eda.js requires main.cjs directly).
import './main.cjs';
