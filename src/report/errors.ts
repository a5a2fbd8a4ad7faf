/**
 * A results file that cannot be read as drsim results (missing, not JSON, newer schema, corrupted).
 * Defined here rather than using the CLI's UserError: report sits below cli and must not import it;
 * the CLI maps this error to exit code 2.
 */
export class ResultsFileError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ResultsFileError';
  }
}
