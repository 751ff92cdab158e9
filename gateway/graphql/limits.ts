import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
}

// The HTTP status travels with the error: Apollo answers 500 for one thrown by a plugin without it.
const limitError = (message: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION', reason: 'QUERY_LIMIT', http: { status: 400 } } });

/** Rejects documents nested deeper than `maxDepth` fields (fragments followed, cycles cut). */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])));
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) context.reportError(limitError(`The query is nested ${depth} levels deep; the limit is ${maxDepth}.`));
      },
    };
  };
}

/** Rejects documents with more than `maxAliases` aliased fields (alias floods multiply work). */
export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === maxAliases + 1) {
          context.reportError(limitError(`The query uses more than ${maxAliases} aliases; split it into several requests.`));
        }
      },
    };
  };
}

/** Lists cost their page size times their items: `first: 200` of leads costs 200 × a lead. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : null;
  return size !== null ? 1 + size * Math.max(childComplexity, 1) : undefined;
};

/** The estimated cost of an operation with its variables; throws a VALIDATION error over the limit. */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, max: number): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  } catch (error) {
    // Costing reads the variables first: one of the wrong type is the caller's mistake, named by GraphQL.
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    throw error;
  }
  if (cost > max) throw limitError(`The query is too complex (cost ${cost}, limit ${max}); ask for fewer fields or smaller pages.`);
  return cost;
}
