// A full disk for one directory, for the CLI tests (node --import this file): every file written under
// $DRSIM_TEST_FULL_DIR is created and half written, then the write fails as the kernel fails one on a full
// disk (ENOSPC, with Node's error shape), leaving the partly written file behind as a real full disk would.
// (Not /dev/full: a test must not depend on, or risk, a device of the machine.)
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { Writable } from 'node:stream';

const require = createRequire(import.meta.url);
const fs = require('fs');
const fsp = require('fs/promises');
const full = process.env.DRSIM_TEST_FULL_DIR;

function enospc(path) {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { errno: -28, code: 'ENOSPC', syscall: 'write', path: String(path) });
}

if (full) {
  const hit = (p) => String(p).startsWith(full);
  const writeFile = fsp.writeFile;
  fsp.writeFile = async (path, data, options) => {
    if (!hit(path)) return writeFile(path, data, options);
    // Strings, bytes, or pieces (an iterable of strings, as large JSON is written): half of it lands.
    const bytes = typeof data === 'string' ? Buffer.from(data)
      : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
        : Buffer.from([...data].join(''));
    await writeFile(path, bytes.subarray(0, bytes.length >> 1));
    throw enospc(path);
  };
  const createWriteStream = fs.createWriteStream;
  fs.createWriteStream = (path, options) => {
    if (!hit(path)) return createWriteStream(path, options);
    fs.writeFileSync(path, '');
    return new Writable({ write: (_chunk, _encoding, done) => done(enospc(path)) });
  };
  syncBuiltinESMExports();
}
