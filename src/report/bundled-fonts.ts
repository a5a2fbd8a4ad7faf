/**
 * DejaVu Sans as shipped in the npm package dejavu-fonts-ttf, so PNG text does not depend on the
 * machine's fonts (without Debian's fonts-dejavu-core resvg would draw no text at all). The package has
 * no entry point, hence the resolve of its package.json.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TTF_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The directory with every DejaVu face (the browser test points fontconfig at it). */
export const DEJAVU_TTF_DIR = TTF_DIR;

/** The faces the charts use: regular, and bold for annotations. */
export const DEJAVU_SANS_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(TTF_DIR, f));
