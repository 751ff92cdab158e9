import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import { fieldAccess, operationRule } from '../../core/operation-access.ts';
import { authorize, holds } from '../auth/authorize.ts';
import type { GraphQLContext } from './context.ts';
import { assertIdArguments } from './id-arguments.ts';
import { IDEMPOTENCY_ARG, onceByKey } from './idempotency.ts';

type AnyField = GraphQLField<unknown, GraphQLContext>;

/**
 * Puts the access table in front of every root field (queries, mutations, subscriptions, whatever
 * the transport) and of the fields it lists, once, when the schema is built; other fields run
 * untouched. A root field the table does not know stops the start-up: nothing is served unchecked.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const missing: string[] = [];
  for (const root of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields()) as AnyField[]) {
      if (!operationRule(field.name)) {
        missing.push(`${root.name}.${field.name}`);
        continue;
      }
      guardRootField(field);
    }
  }
  if (missing.length) throw new Error(`Operations missing from the access table (core/operation-access.ts): ${missing.join(', ')}`);
  for (const [path, permission] of Object.entries(fieldAccess)) {
    const [typeName, fieldName] = path.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? (type.getFields()[fieldName] as AnyField | undefined) : undefined;
    if (!field) throw new Error(`The access table names ${path}, which the schema does not have.`);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => ((await holds(context.auth, permission)) ? resolve(source, args, context, info) : null);
  }
  return schema;
}

function guardRootField(field: AnyField): void {
  const name = field.name;
  const spendsAi = operationRule(name)?.spendsAi ?? false;
  const check = async (args: Record<string, unknown>, context: GraphQLContext) => {
    await authorize(context.auth, name);
    assertIdArguments(field.args, args);
    if (spendsAi) {
      const ctx = await context.auth.tenant();
      await context.services.autopilot(ctx.tenantId, ctx.agencyId).workspace.chargeAiBudget(ctx, context.services.aiRequestsPerMinute);
    }
  };
  if (field.subscribe) {
    const subscribe = field.subscribe;
    field.subscribe = async (source, args, context, info) => {
      await check(args, context);
      return subscribe(source, args, context, info);
    };
    // Its resolver maps each event of a checked stream; called without an event, no stream was checked.
    const mapEvent = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      if (source === undefined || source === null) {
        await check(args, context);
        throw new DomainError(ErrorCode.VALIDATION, 'Subscriptions are served over WebSocket (the graphql-ws protocol)', { fields: [] });
      }
      return mapEvent(source, args, context, info);
    };
    return;
  }
  const resolve = field.resolve ?? defaultFieldResolver;
  const idempotent = field.args.some((arg) => arg.name === IDEMPOTENCY_ARG);
  field.resolve = async (source, args, context, info) => {
    await check(args, context);
    return idempotent ? onceByKey(context, name, args, async () => resolve(source, args, context, info)) : resolve(source, args, context, info);
  };
}
