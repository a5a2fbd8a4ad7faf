/**
 * A minimal ZIP writer (deflate, no ZIP64) for the workbook. Each entry's content arrives as chunks of
 * text, is compressed about a megabyte at a time and written straight to the file, so a 40,000-row sheet
 * never exists as one string. Each megabyte is compressed on its own and ends in a sync flush (an empty
 * stored block, not a final one), so the pieces concatenate into one valid deflate stream; an empty final
 * block closes it. Everything is synchronous: on a busy machine the thread pool's queue, not the work,
 * would dominate. Sizes and CRC-32 follow each entry in a data descriptor (general-purpose flag bit 3).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Entry { name: Buffer; offset: number; crc: number; compressed: number; size: number }

const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01: fixed, so the same results give the same bytes.
const MAX_SIZE = 0xffffffff;
const PIECE_CHARS = 1 << 20;
const FLAGS = 0x0808; // bit 3: sizes in the data descriptor; bit 11: UTF-8 names

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  private write(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.offset += buf.length;
  }

  /** Adds an entry whose content is the concatenation of `chunks` (UTF-8). */
  add(name: string, chunks: Iterable<string>): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_DATE_1980, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    this.write(Buffer.concat([header, nameBytes]));

    let crc = 0;
    let size = 0;
    let compressed = 0;
    let piece: string[] = [];
    let pieceChars = 0;
    const emit = (final: boolean): void => {
      const buf = Buffer.from(piece.join(''), 'utf8');
      piece = [];
      pieceChars = 0;
      crc = crc32(buf, crc);
      size += buf.length;
      const out = deflateRawSync(buf, { level: 3, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      compressed += out.length;
      this.write(out);
    };
    for (const chunk of chunks) {
      piece.push(chunk);
      pieceChars += chunk.length;
      if (pieceChars >= PIECE_CHARS) emit(false);
    }
    emit(true);
    if (size > MAX_SIZE || compressed > MAX_SIZE || this.offset > MAX_SIZE) throw new Error(`${name}: too large for a ZIP without ZIP64`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    this.write(descriptor);
    this.entries.push({ name: nameBytes, offset, crc: crc >>> 0, compressed, size });
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    try {
      const start = this.offset;
      for (const e of this.entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(FLAGS, 8);
        h.writeUInt16LE(8, 10);
        h.writeUInt16LE(DOS_DATE_1980, 14);
        h.writeUInt32LE(e.crc, 16);
        h.writeUInt32LE(e.compressed, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        h.writeUInt32LE(e.offset, 42);
        this.write(Buffer.concat([h, e.name]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(this.entries.length, 8);
      end.writeUInt16LE(this.entries.length, 10);
      end.writeUInt32LE(this.offset - start, 12);
      end.writeUInt32LE(start, 16);
      this.write(end);
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without finishing it (after a failure; the caller removes it). */
  abort(): void {
    closeSync(this.fd);
  }
}
