/**
 * An error caused by the user's input or environment (bad file, bad flag, unwritable directory).
 * The CLI prints its message without a stack trace and exits with `exitCode`.
 * Exit codes: 2 = invalid input (scenario, flags, results file); 1 = the run itself failed;
 * 130 = interrupted.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = 2) {
    super(message);
    this.name = 'UserError';
  }
}
