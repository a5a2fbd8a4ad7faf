/** csv-stringify options shared by every table: booleans as true/false (the default writes 1 and ''). */
import type { Options } from 'csv-stringify';

export const CSV_OPTIONS: Options = {
  header: true,
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
};
