import { getNamedType, isInterfaceType, isObjectType, type GraphQLArgument, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export interface RootField {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** Every query and mutation of the schema: a test over them covers a new resolver without being edited. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({ kind: 'mutation' as const, field })),
  ];
}

/** An operation named `name` calling `field` with `args` as variables of the same names, an object result selected by `selection`. */
export function operationText(name: string, { kind, field }: RootField, args: readonly GraphQLArgument[], selection: (type: GraphQLObjectType) => string): string {
  const signature = args.length ? `(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  // An interface (Node) answers with its own fields and what type it is.
  const body = isObjectType(named) ? ` { ${selection(named)} }` : isInterfaceType(named) ? ` { __typename ${Object.keys(named.getFields()).join(' ')} }` : '';
  return `${kind} ${name}${signature} { ${field.name}${call}${body} }`;
}
