import { getNullableType, isInputObjectType, isListType, type GraphQLArgument, type GraphQLInputType } from 'graphql';
import { validationError, type FieldError } from '../../core/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every id in the API is a UUID. A value of an ID argument (or an ID field of an input, at any
 * depth) that is not one is the caller's mistake, named by its path, before anything reaches the
 * database (whose own message would say nothing useful and leak its internals).
 */
export function assertIdArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>): void {
  const errors: FieldError[] = [];
  for (const arg of args) collect(arg.type, values[arg.name], arg.name, errors);
  if (errors.length) throw validationError(errors);
}

function collect(type: GraphQLInputType, value: unknown, path: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => collect(nullable.ofType, item, `${path}[${i}]`, errors));
    return;
  }
  if (isInputObjectType(nullable)) {
    for (const field of Object.values(nullable.getFields())) collect(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, errors);
    return;
  }
  if (nullable.toString() === 'ID' && (typeof value !== 'string' || !UUID.test(value))) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : typeof value;
    errors.push({ field: path, message: `is not an id: ${shown} (ids are UUIDs)` });
  }
}
