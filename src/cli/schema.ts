/** `drsim schema`: prints the scenario language's JSON Schema (committed as docs/scenario.schema.json). */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../models/scenario/json-schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion: docs/scenario.schema.json)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
