/** The process's entry: runs the CLI (cli.ts) and exits with its code. */
import { main } from './cli.js';

// A closed pipe (`drsim run --json | head`) is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted (128 + signal), the command has said what it did and written nothing: exit now, once stdio is
// flushed. Left to drain, a large run kept the process busy for half a minute after SIGTERM while worker
// threads with multi-GiB heaps were torn down (seen on 100,000 VMs).
if (code > 128) {
  const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((done) => { stream.write('', () => done()); });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
