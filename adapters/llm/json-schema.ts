import { z } from 'zod';

type JsonSchema = { [keyword: string]: unknown };

/**
 * The JSON Schema of a zod schema, reduced to the keywords a provider's structured output accepts.
 * Keywords a provider does not support (minLength, $schema, …) are dropped: zod still checks them
 * on the answer. Every object gets all its properties required and no others, as OpenAI's strict
 * mode demands; a zod `.optional()` field cannot be expressed that way, so it is refused here (use
 * `.nullable()`) instead of silently changing its meaning.
 */
export function providerJsonSchema(schema: z.ZodType, keywords: ReadonlySet<string>): JsonSchema {
  return reduce(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as JsonSchema, keywords, '$');
}

function reduce(node: JsonSchema, keywords: ReadonlySet<string>, path: string): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (!keywords.has(keyword)) continue;
    if (keyword === 'properties') {
      const properties = value as Record<string, JsonSchema>;
      result.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, reduce(child, keywords, `${path}.${name}`)]));
    } else if (keyword === 'items') {
      result.items = reduce(value as JsonSchema, keywords, `${path}[]`);
    } else if (keyword === 'anyOf') {
      result.anyOf = (value as JsonSchema[]).map((child) => reduce(child, keywords, path));
    } else {
      result[keyword] = value;
    }
  }
  if (node.type === 'object' && node.properties) {
    const names = Object.keys(node.properties);
    const required = new Set((node.required as string[] | undefined) ?? []);
    const optional = names.filter((name) => !required.has(name));
    if (optional.length) throw new Error(`Structured output needs every field present: ${optional.map((name) => `${path}.${name}`).join(', ')} is optional; make it nullable`);
    result.required = names;
    result.additionalProperties = false;
  }
  return result;
}

/** What OpenAI's strict structured outputs accept (no string lengths). */
export const openAiSchemaKeywords: ReadonlySet<string> = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description', 'pattern', 'format', 'minimum', 'maximum', 'minItems', 'maxItems',
]);

/** What Gemini's responseJsonSchema supports (see GenerationConfig.responseJsonSchema in @google/genai). */
export const geminiSchemaKeywords: ReadonlySet<string> = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'anyOf', 'description', 'title', 'format', 'minimum', 'maximum', 'minItems', 'maxItems',
]);
