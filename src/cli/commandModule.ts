import type { Command } from 'commander';

import type { CliIo } from './cliIo';

/** A subcommand: registers itself on the program and sets `result.code` when it runs. */
export type CommandModule = (program: Command, io: CliIo, result: { code: number }) => void;
