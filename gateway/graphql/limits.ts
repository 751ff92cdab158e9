import {
  GraphQLError,
  Kind,
  getNullableType,
  isListType,
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

/**
 * Operations whose work does not show in their selection: an export streams every matching lead, an
 * import reads a whole file. Their cost caps how many one request may hold (aliases included).
 */
export const FIXED_OPERATION_COST: Record<string, number> = { exportLeadsCsv: 2500, importLeadsCsv: 2500, previewLeadImport: 1000, previewLeadSearch: 500 };
/** What a paged list costs when no size is asked for: its default page. */
const DEFAULT_PAGE_SIZE = 50;
/** What a list without paging (a lead's messages or tasks) is taken to hold. */
const UNPAGED_LIST_SIZE = 10;

/**
 * Every list costs its size times its items, however it is asked for: `first` or `last` (200 leads
 * cost 200 × a lead), a paged list's default page when neither is given, a nominal size for lists
 * without paging; a connection's own edges and nodes are the page already counted. Root operations
 * with hidden work cost what FIXED_OPERATION_COST says.
 */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const child = Math.max(childComplexity, 1);
  const fixed = FIXED_OPERATION_COST[field.name];
  if (fixed !== undefined && (type.name === 'Query' || type.name === 'Mutation')) return fixed + child;
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
  if (size !== null) return 1 + size * child;
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return 1 + DEFAULT_PAGE_SIZE * child;
  // A list of objects (a list of scalars, such as tags, is one value).
  if (childComplexity > 0 && isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) return 1 + UNPAGED_LIST_SIZE * child;
  return undefined;
};

/** The estimated cost of an operation with its variables; throws a VALIDATION error over the limit. */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, max: number): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  } catch (error) {
    // Costing reads the variables first: one of the wrong type is the caller's mistake, named by GraphQL.
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    throw error;
  }
  if (cost > max) throw limitError(`The query is too complex (cost ${cost}, limit ${max}); ask for fewer fields or smaller pages.`);
  return cost;
}
