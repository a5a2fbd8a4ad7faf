/** The scenario language as a JSON Schema (draft-07), for editors (yaml-language-server) and `drsim schema`. */
import { z } from 'zod';
import { buildScenarioSchema } from './schema.js';
import { jsonSchemaDefinitions, jsonSchemaOverrides } from './fields.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(buildScenarioSchema(), {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
    override: (ctx) => {
      const json = jsonSchemaOverrides.get(ctx.zodSchema as object);
      if (!json) return;
      const target = ctx.jsonSchema as Record<string, unknown>;
      const keep = { default: target.default, description: target.description };
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, json);
      if (keep.default !== undefined) target.default = keep.default;
    },
  }) as Record<string, unknown>;
  const definitions = { ...(schema.definitions as Record<string, unknown> | undefined), ...jsonSchemaDefinitions };
  return { ...schema, title: 'drsim scenario', definitions };
}
