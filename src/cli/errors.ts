/**
 * An error caused by the user's input or environment (bad file, bad flag, unwritable directory, full
 * disk, a signal). The CLI prints its message without a stack trace and exits with `exitCode`:
 * 2 = invalid input or an output that cannot be written; 128 + the signal's number = interrupted
 * (interrupt.ts). Exit 1 is kept for internal errors (bugs), never for input. README "Output, signals
 * and exit codes" has the table.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = 2) {
    super(message);
    this.name = 'UserError';
  }
}
