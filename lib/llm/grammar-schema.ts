import type { GbnfJsonSchema } from 'node-llama-cpp';
import { AppError } from '../errors';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  description?: string;
};

const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Patterns that accept only unsigned decimal numbers, such as ^\d+(?:\.\d{1,2})?$. */
const DECIMAL_PATTERN = /^\^\\d[+*](?:\(\?:\\\.\\d(?:\{\d+(?:,\d*)?\}|[+*])\)\?)?\$$/;
const GRAMMAR_FORMATS = new Set(['date', 'time', 'date-time']);
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/**
 * Converts a JSON schema (as zod's toJSONSchema writes it) into the subset that node-llama-cpp 3.22
 * compiles into a grammar. `anyOf` becomes `oneOf`, an ISO date pattern becomes `format: "date"`,
 * and other string patterns are dropped, since the grammar cannot express them: the caller's
 * validation still rejects output that breaks them.
 */
export function toGrammarSchema(schema: object): GbnfJsonSchema {
  return convert(schema as JsonSchema, '#');
}

function convert(schema: JsonSchema, at: string): GbnfJsonSchema {
  const description = schema.description;
  if (schema.const !== undefined) return { const: schema.const, description };
  if (schema.enum) return { enum: schema.enum, description };
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return { oneOf: options.map((option, index) => convert(option, `${at}/anyOf/${index}`)), description };
  if (schema.$ref) {
    if (!schema.$ref.startsWith('#/$defs/')) throw unsupported(at, `$ref "${schema.$ref}"`);
    return withDefs({ $ref: schema.$ref as `#/$defs/${string}`, description }, schema, at);
  }

  if (Array.isArray(schema.type)) {
    if (!schema.type.every((type) => SCALAR_TYPES.has(type))) throw unsupported(at, `type list ${JSON.stringify(schema.type)}`);
    return { type: schema.type as ('string' | 'number' | 'integer' | 'boolean' | 'null')[], description };
  }
  switch (schema.type) {
    case 'object':
      return withDefs(
        {
          type: 'object',
          properties: Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, convert(value, `${at}/properties/${key}`)])),
          required: schema.required,
          additionalProperties:
            typeof schema.additionalProperties === 'object' ? convert(schema.additionalProperties, `${at}/additionalProperties`) : (schema.additionalProperties ?? !schema.properties),
          description,
        },
        schema,
        at,
      );
    case 'array':
      return withDefs(
        { type: 'array', items: schema.items ? convert(schema.items, `${at}/items`) : undefined, minItems: schema.minItems, maxItems: schema.maxItems, description },
        schema,
        at,
      );
    case 'string':
      if (schema.format && GRAMMAR_FORMATS.has(schema.format)) return { type: 'string', format: schema.format as 'date' | 'time' | 'date-time', description };
      if (schema.pattern === ISO_DATE_PATTERN) return { type: 'string', format: 'date', description };
      // Digits with optional decimals become a JSON number, the nearest form a grammar can enforce.
      // The extraction's coerceModelOutput writes such numbers back as the schema's digit strings.
      if (schema.pattern && DECIMAL_PATTERN.test(schema.pattern)) return { type: 'number', description };
      return { type: 'string', minLength: schema.minLength, maxLength: schema.maxLength, description };
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type: schema.type, description };
    default:
      throw unsupported(at, `type ${JSON.stringify(schema.type)}`);
  }
}

function withDefs<T extends object>(converted: T, schema: JsonSchema, at: string): T {
  if (!schema.$defs) return converted;
  const defs = Object.fromEntries(Object.entries(schema.$defs).map(([key, value]) => [key, convert(value, `${at}/$defs/${key}`)]));
  return { ...converted, $defs: defs };
}

function unsupported(at: string, what: string): AppError {
  return new AppError('internal', `The JSON schema at ${at} uses ${what}, which the llama.cpp grammar cannot express.`);
}
