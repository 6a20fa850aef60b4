import type { Command } from 'commander';

// Owned by the local runtime work (eda dev / invoke / test-pattern).
export function defineLocalCommands(_program: Command): void {}
