/**
 * Validates request bodies against OpenAI's own OpenAPI description (../shared/openai-openapi.yaml).
 * The file is OpenAPI 3.1 with some 3.0 habits left in, so two things are adapted before Ajv sees it
 * (see the guide's vision-api.md): `nullable: true` becomes a union with null, and `oneOf` is checked
 * as `anyOf` because its alternatives overlap and a valid body would match more than one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_PATH = resolve(import.meta.dirname, '../../../shared/openai-openapi.yaml');
const DOC_ID = 'https://fake-openai.test/openapi.json';

export type SchemaName = 'CreateChatCompletionRequest' | 'CreateResponse';

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator') continue;
    out[key === 'oneOf' ? 'anyOf' : key] = adapt(value);
  }
  if ((node as { nullable?: unknown }).nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else if (out.type === undefined) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

let validators: Map<SchemaName, ValidateFunction> | undefined;

/**
 * Reads and compiles the two schemas (about a second and a half, more on a busy machine). The fake
 * server does it when it starts, in a suite's set-up, so no test pays for it within its own timeout.
 */
export function loadSchemas(): Map<SchemaName, ValidateFunction> {
  if (validators) return validators;
  const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: adapt(doc.components.schemas) } });
  validators = new Map();
  for (const name of ['CreateChatCompletionRequest', 'CreateResponse'] as const) {
    const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`);
    if (!validate) throw new Error(`The OpenAPI description has no schema ${name}.`);
    validators.set(name, validate);
  }
  return validators;
}

/** The schema violations of `body`, as readable lines; empty when it is valid. */
export function schemaViolations(name: SchemaName, body: unknown): string[] {
  const validate = loadSchemas().get(name)!;
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
