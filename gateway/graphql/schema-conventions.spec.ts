import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from './schema.ts';

/**
 * The conventions the GraphQL clients developers use (Apollo Client, urql, Relay, graphql-codegen)
 * rely on, checked on the whole schema: a new field or operation is held to them without editing
 * this file. An exception goes in one of the allow-lists below, with its reason.
 */

/** Lists of objects with an id that may stay plain lists: small by rule, so they need no paging. */
const BOUNDED_LISTS: Record<string, string> = {
  'Query.serviceCatalog': 'a catalog holds at most 100 services (setServiceCatalog refuses more)',
  'Mutation.setServiceCatalog': 'answers the catalog it stored: at most 100 services',
  'Query.currencies': 'a fixed list: the ISO 4217 currencies',
};

/** Strings that look like a closed set by name or description but are open, and why. */
const OPEN_STRINGS: Record<string, string> = {
  'AiDecision.provider': 'an adapter id: grows with the adapters, and a retired adapter\'s decisions must still read',
  'Message.provider': 'an adapter id (or how a reply arrived): grows with the adapters',
  'Proposal.paymentProvider': 'an adapter id: grows with the adapters',
  'ReplyClassification.language': 'a language code: en, hi, hinglish or any other the AI names',
  'ImportIssue.field': 'a field name or path (email, phone, customFields.<header>, row)',
  'ImportPreviewRowIssue.field': 'a field name or path (email, phone, customFields.<header>, row)',
};

/** Names that say "one of a few values". */
const CLOSED_NAME = /^(status|kind|type|direction|purpose|sentiment|state|role|trigger|intent|outcome|channel|provider|encoding|delimiter|language|mode|level|priority)$|(Status|Kind|Type|Direction|Provider|Outcome|Mode)$/;
/** Descriptions that list the values: "ok or failed", "a, b or c", "a | b | c", "one of …". */
const CLOSED_DESCRIPTION = /^\s*(?:"?[\w.\\-]+"?, )*"?[\w.\\-]+"? or "?[\w.\\-]+"?(?:[.;(]|\s*$)|\w+ \| \w+|\bone of\b|: (?:"[^"]+", )+"[^"]+" or "[^"]+"/i;

const PAGING_ARGUMENTS = { first: 'Int', after: 'String', last: 'Int', before: 'String' } as const;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

type AnyField = GraphQLField<unknown, unknown>;
const ownTypes = () => Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
const objectFields = (): Array<[GraphQLNamedType, AnyField]> =>
  ownTypes().flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).map((field): [GraphQLNamedType, AnyField] => [type, field]) : []));
const hasId = (type: GraphQLNamedType) => (isObjectType(type) || isInterfaceType(type)) && 'id' in type.getFields();
const isConnection = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Connection');
const isEdge = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Edge');

describe('lists that can grow are Relay connections', () => {
  it('a field returning a list of objects with an id is a connection, or a bounded list on the allow-list', () => {
    const offenders = objectFields()
      .filter(([owner, field]) => !isConnection(owner) && !isEdge(owner) && isListType(getNullableType(field.type)) && hasId(getNamedType(field.type)))
      .map(([owner, field]) => `${owner.name}.${field.name}`)
      .filter((path) => !(path in BOUNDED_LISTS));
    expect(offenders).toEqual([]);
  });

  it('a root query returning a list of objects, or a field taking first or last, is a connection (or a bounded list on the allow-list)', () => {
    const query = schema.getQueryType();
    const roots = Object.values(query?.getFields() ?? {})
      .filter((field) => isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type)))
      .map((field) => `Query.${field.name}`);
    const paged = objectFields()
      .filter(([, field]) => field.args.some((arg) => arg.name === 'first' || arg.name === 'last') && !isConnection(getNamedType(field.type)))
      .map(([owner, field]) => `${owner.name}.${field.name}`);
    expect([...new Set([...roots, ...paged])].filter((path) => !(path in BOUNDED_LISTS))).toEqual([]);
  });

  it('every connection has edges (cursor and node), nodes and pageInfo, and its field takes first/after and last/before', () => {
    const problems: string[] = [];
    const connections = objectFields().filter(([, field]) => isConnection(getNamedType(field.type)));
    expect(connections.length).toBeGreaterThan(10);
    for (const [owner, field] of connections) {
      const path = `${owner.name}.${field.name}`;
      const type = getNamedType(field.type);
      if (!isObjectType(type)) continue;
      const fields = type.getFields();
      const edge = fields.edges && getNamedType(fields.edges.type);
      if (!fields.edges || !isListType(getNullableType(fields.edges.type)) || !edge || !isObjectType(edge) || !edge.getFields().cursor || !edge.getFields().node) problems.push(`${type.name} lacks edges { cursor node }`);
      if (!fields.nodes || !isListType(getNullableType(fields.nodes.type))) problems.push(`${type.name} lacks nodes`);
      if (!fields.pageInfo || getNamedType(fields.pageInfo.type).name !== 'PageInfo' || !isNonNullType(fields.pageInfo.type)) problems.push(`${type.name} lacks pageInfo: PageInfo!`);
      for (const [name, typeName] of Object.entries(PAGING_ARGUMENTS)) {
        const argument = field.args.find((arg) => arg.name === name);
        if (!argument || argument.type.toString() !== typeName) problems.push(`${path} lacks the argument ${name}: ${typeName}`);
      }
    }
    const pageInfo = schema.getType('PageInfo');
    expect(isObjectType(pageInfo) && Object.keys(pageInfo.getFields()).sort()).toEqual(['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
    expect(problems).toEqual([]);
  });

  it('the allow-list of bounded lists names lists that exist, and each says its bound in its description', () => {
    for (const path of Object.keys(BOUNDED_LISTS)) {
      const [owner, name] = path.split('.') as [string, string];
      const type = schema.getType(owner);
      const field = isObjectType(type) ? type.getFields()[name] : undefined;
      expect(field && isListType(getNullableType(field.type)), path).toBe(true);
      expect(field?.description ?? '', path).toMatch(/at most \d+|a fixed list/);
    }
  });
});

describe('closed value sets are enums', () => {
  const stringsOf = (): Array<[string, { name: string; description?: string | null | undefined; type: GraphQLArgument['type'] | GraphQLInputField['type'] }]> => {
    const found: Array<[string, { name: string; description?: string | null; type: GraphQLArgument['type'] }]> = [];
    for (const type of ownTypes()) {
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          found.push([`${type.name}.${field.name}`, field as never]);
          for (const arg of field.args) found.push([`${type.name}.${field.name}(${arg.name})`, arg]);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) found.push([`${type.name}.${field.name}`, field]);
      }
    }
    return found.filter(([, field]) => getNamedType(field.type).name === 'String');
  };

  it('no String field, argument or input field is named or described as one of a few values (open strings are on the allow-list)', () => {
    const offenders = stringsOf()
      .filter(([, field]) => CLOSED_NAME.test(field.name) || CLOSED_DESCRIPTION.test(field.description ?? ''))
      .map(([path]) => path)
      .filter((path) => !(path in OPEN_STRINGS));
    expect(offenders).toEqual([]);
  });

  it('the heuristics catch what they are for', () => {
    for (const text of ['ok or failed', 'outreach, follow_up, proposal or reply', 'utf-8, utf-16le or windows-1252; null for an empty file.', 'default | offline | openai', 'must be one of a, b', 'The delimiter: ",", ";" or "|".']) {
      expect(CLOSED_DESCRIPTION.test(text), text).toBe(true);
    }
    for (const text of ['The last four characters of the key.', 'Lower-cased; unique within the tenant.', 'A 2-letter code or an English country name.', 'YYYY-MM-DD', 'User or API key id; null for the system and providers.']) {
      expect(CLOSED_DESCRIPTION.test(text), text).toBe(false);
    }
  });

  it('enum values are spelled in one casing, UPPER_CASE', () => {
    const offenders = ownTypes()
      .filter(isEnumType)
      .flatMap((type) => type.getValues().filter((value) => !/^[A-Z][A-Z0-9_]*$/.test(value.name)).map((value) => `${type.name}.${value.name}`));
    expect(offenders).toEqual([]);
  });

  it('the allow-list of open strings names strings that exist', () => {
    const strings = new Set(stringsOf().map(([path]) => path));
    expect(Object.keys(OPEN_STRINGS).filter((path) => !strings.has(path))).toEqual([]);
  });
});

describe('lookups by id', () => {
  it('a field that looks one object up by a required id is nullable: a missing one is null with its error, not a blank response', () => {
    const offenders = objectFields()
      .filter(([owner]) => owner.name !== 'Mutation' && owner.name !== 'Subscription')
      .filter(([, field]) => field.args.some((arg) => isNonNullType(arg.type) && getNamedType(arg.type).name === 'ID'))
      .filter(([, field]) => isNonNullType(field.type))
      .map(([owner, field]) => `${owner.name}.${field.name}`);
    expect(offenders).toEqual([]);
  });
});
