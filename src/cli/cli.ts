/**
 * The CLI as a function: parses `argv`, runs the command, and turns every failure into a message and an
 * exit code, never a stack trace (README "Output, signals and exit codes"). main.ts is the process's entry.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { UserError } from './errors.js';
import { escapeControlChars } from '../models/scenario/control-chars.js';

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with commander's message already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      // Messages quote file names and values from the input: never let them drive the terminal.
      process.stderr.write(`drsim: ${escapeControlChars(err.message, true)}\n`);
      return err.exitCode;
    }
    const message = escapeControlChars(err instanceof Error ? err.message : String(err), true);
    process.stderr.write(`drsim: internal error: ${message}\n` +
      (process.env.DRSIM_DEBUG ? `${(err as Error).stack}\n` : 'Set DRSIM_DEBUG=1 for a stack trace and please report it.\n'));
    return 1;
  }
}
