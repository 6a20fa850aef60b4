import type { Command } from 'commander';

// Owned by the deploy work (eda deploy / diff / status / outputs / destroy / bootstrap).
export function defineDeployCommands(_program: Command): void {}
