// Runs the CLI in this process and reports its peak resident memory on exit.
import { fileURLToPath } from 'node:url';
process.on('exit', () => process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`));
process.argv = [process.argv[0], fileURLToPath(new URL('../bin/eda.js', import.meta.url)), ...process.argv.slice(3)];
await import('../bin/eda.js');
