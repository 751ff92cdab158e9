import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { hideActionLinks, holdsActionLink } from '../../core/autopilot/action-links.ts';
import { actionLinkAccess } from '../../core/operation-access.ts';
import { holds } from '../auth/authorize.ts';
import type { GraphQLContext } from './context.ts';

type AnyField = GraphQLField<unknown, GraphQLContext>;

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | null)?.then === 'function';

/**
 * Hides the links that act on a lead from callers who may not change leads, in every field the access
 * table lists (core/operation-access.ts `actionLinkAccess`), once, when the schema is built. A value
 * without such a link costs a scan of its text and nothing else; the caller's access is asked only
 * when there is something to hide. Subscriptions run the same fields, so WebSocket answers are the same.
 */
export function hideActionLinksInSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const path of actionLinkAccess.fields) {
    const [typeName, fieldName] = path.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? (type.getFields()[fieldName] as AnyField | undefined) : undefined;
    if (!field) throw new Error(`The access table names ${path} as carrying action links, but the schema has no such field.`);
    const resolve = field.resolve ?? defaultFieldResolver;
    const shown = (value: unknown, context: GraphQLContext) =>
      holdsActionLink(value) ? holds(context.auth, actionLinkAccess.permission).then((may) => (may ? value : hideActionLinks(value))) : value;
    field.resolve = (source, args, context, info) => {
      const value = resolve(source, args, context, info);
      return isPromise(value) ? value.then((resolved) => shown(resolved, context)) : shown(value, context);
    };
  }
  return schema;
}
