import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliResult { code: number; stdout: string; stderr: string }

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
// tsx by its absolute URL: `--import tsx` resolves from the child's working directory, which may be a temp dir.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface CliOptions { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; /** Extra node flags, e.g. ['--import', preload]. */ nodeArgs?: string[] }

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  /** Settles when the process has exited and its output is closed (code -1: ended by a signal). */
  done: Promise<CliResult>;
  /** Whether the process has exited. */
  exited: () => boolean;
}

/** Starts the CLI from source (through tsx) in a child process, as a user would. */
export function spawnCli(args: string[], opts: CliOptions = {}): SpawnedCli {
  const child = spawn(process.execPath, ['--import', TSX, ...(opts.nodeArgs ?? []), MAIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.on('exit', () => { exited = true; });
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  child.stdin.end(opts.input ?? '');
  return { child, done, exited: () => exited };
}

/** Runs the CLI from source (through tsx) in a child process, as a user would, and captures its output. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, opts).done;
}
