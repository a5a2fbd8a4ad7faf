/**
 * The Chromium build shipped inside the npm package @sparticuz/chromium (a headless-shell build for
 * x86_64 Linux, brotli-compressed, with the NSS/NSPR/expat libraries it links and SwiftShader's GL
 * libraries beside it). The package's own executablePath() unpacks to a fixed /tmp/chromium with no
 * version in the name and no guard against two processes writing it at once, so it is unpacked here
 * instead: into node_modules/.cache/drsim-chromium/<version>, once, atomically (unpack-once.ts).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress } from 'node:zlib';
import { unpackOnce } from './unpack-once.js';
import { untar } from './untar.js';

const PACKAGE = '@sparticuz/chromium';

export interface PackagedChromium {
  executablePath: string;
  /** Directory of the shared libraries the binary links (put on LD_LIBRARY_PATH). */
  libDir: string;
  /** The unpacked directory, versioned; also a place for the browser's fontconfig file and cache. */
  dir: string;
  version: string;
  /** Whether this call unpacked it (false: already there, or another process did). */
  unpacked: boolean;
  /** Time spent in this call, waiting for another process's unpack included. */
  ms: number;
}

/** The package's directory, or undefined when it is not installed. Its `exports` hide package.json. */
function packageDir(): string | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE) return dir;
  }
  return undefined;
}

/** Why the packaged build cannot be used here, or undefined when it can. */
export function packagedChromiumUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `${PACKAGE} ships an x86_64 Linux build only (this is ${process.platform}/${process.arch})`;
  if (packageDir() === undefined) return `${PACKAGE} is not installed (run npm ci)`;
  return undefined;
}

async function fill(bin: string, dest: string): Promise<void> {
  // Streamed: the binary is ~190 MB unpacked.
  await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(dest, 'chromium'), { mode: 0o755 }));
  const inflate = promisify(brotliDecompress);
  // SwiftShader's libGLESv2/libEGL go beside the binary, where its GPU process looks for them (without
  // them that process exits at start with "Failed to load GLES library"); al2023 holds lib/*.so.
  for (const archive of ['swiftshader.tar.br', 'al2023.tar.br']) untar(await inflate(await readFile(join(bin, archive))), dest);
  // Chromium creates this beside itself on first start; made now so the directory is never changed after the rename.
  mkdirSync(join(dest, 'locales'));
}

/** Unpacks (first use) and returns the packaged Chromium; throws if it is unavailable here. */
export async function packagedChromium(): Promise<PackagedChromium> {
  const why = packagedChromiumUnavailable();
  if (why !== undefined) throw new Error(why);
  const started = performance.now();
  const pkg = packageDir()!;
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  // node_modules/@sparticuz/chromium → node_modules/.cache: removed with node_modules, one per checkout.
  const dir = join(pkg, '..', '..', '.cache', 'drsim-chromium', version);
  const unpacked = await unpackOnce(dir, (tmp) => fill(join(pkg, 'bin'), tmp));
  return { executablePath: join(dir, 'chromium'), libDir: join(dir, 'lib'), dir, version, unpacked, ms: performance.now() - started };
}
