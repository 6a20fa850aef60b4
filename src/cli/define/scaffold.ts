import type { Command } from 'commander';

// Owned by the scaffolding work (eda new / add / remove).
export function defineScaffoldCommands(_program: Command): void {}
