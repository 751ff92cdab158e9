import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Role } from '../../../core/access.ts';
import type { AgencyContext } from '../../../core/context.ts';
import { connectionType } from '../connections.ts';
import { RoleEnum } from './enums.ts';

@ObjectType('Agency', { description: 'An agency: runs the product for many client businesses (tenants).' })
export class AgencyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Tenant', { description: 'A client workspace of an agency; every lead belongs to one.' })
export class TenantType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Country used for phone numbers written without a prefix.' }) defaultCountry!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => [ID], { nullable: true, description: 'Tenants the user is a member of (owners and admins reach all).' }) tenantIds?: string[];
  @Field(() => Date) createdAt!: Date;
}

export const TenantConnection = connectionType(TenantType, 'Tenant');
export type TenantConnection = InstanceType<typeof TenantConnection>;
export const UserConnection = connectionType(UserType, 'User');
export type UserConnection = InstanceType<typeof UserConnection>;

/** What signing in answers; its `tenants` are paged by a field resolver (AuthPayloadResolver). */
@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }) token!: string;
  @Field(() => UserType) user!: UserType;
  @Field(() => AgencyType) agency!: AgencyType;
  /** Who signed in: the tenants are the ones this caller reaches. */
  caller!: AgencyContext;
}

@ObjectType('ApiKeyCreator', { description: 'The person who created an API key.' })
export class ApiKeyCreator {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ApiKey', { description: 'A developer key for one tenant. The key itself is shown only once, when created.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String, { description: 'The last four characters of the key.' }) hint!: string;
  @Field(() => ApiKeyCreator, {
    nullable: true,
    description: 'Who created the key; null when that person has been removed from the agency (the key works until revoked: review such keys).',
  })
  createdBy!: ApiKeyCreator | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

export const ApiKeyConnection = connectionType(ApiKeyType, 'ApiKey');
export type ApiKeyConnection = InstanceType<typeof ApiKeyConnection>;

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, { description: 'The secret key. Store it now: it cannot be shown again.' }) key!: string;
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
}

@InputType()
export class SignupInput {
  @Field(() => String, { description: '1-200 characters.' }) agencyName!: string;
  @Field(() => String, { description: 'The first client workspace, 1-200 characters.' }) tenantName!: string;
  @Field(() => String, { description: '1-200 characters.' }) name!: string;
  @Field(() => String, { description: 'At most 254 characters.' }) email!: string;
  @Field(() => String, { description: '8-200 characters.' }) password!: string;
  @Field(() => String, { nullable: true, description: 'Default IN.' }) defaultCountry?: string | null;
}

@InputType()
export class CreateTenantInput {
  @Field(() => String, { description: '1-200 characters.' }) name!: string;
  @Field(() => String, { nullable: true }) defaultCountry?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => RoleEnum, { nullable: true }) role?: Role | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the user\'s tenant memberships (at most 1000).' }) tenantIds?: string[] | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: '1-100 characters.' }) name!: string;
  @Field(() => RoleEnum, { description: 'admin, member or viewer.' }) role!: Role;
}
