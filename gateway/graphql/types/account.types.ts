import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../../core/access.ts';
import { connectionType } from '../connections.ts';
import { RoleEnum } from './enums.ts';

export const AccountEmailKind = { INVITATION: 'invitation', PASSWORD_RESET: 'password_reset' } as const;
registerEnumType(AccountEmailKind, { name: 'AccountEmailKind' });

@ObjectType('Session', { description: 'A signed-in session of the current user (a browser or a client holding a token).' })
export class SessionType {
  @Field(() => ID) id!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { description: 'When it was last used (updated every few minutes).' }) lastSeenAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The user agent it signed in with, as a hint.' }) userAgent!: string | null;
  @Field(() => String, { nullable: true, description: 'The network address it signed in from, as a hint.' }) address!: string | null;
  @Field(() => Boolean, { description: 'The session this request came with.' }) current!: boolean;
}

@ObjectType('InvitedBy')
export class InvitedByType {
  @Field(() => ID, { nullable: true, description: 'Null once that user has left.' }) id!: string | null;
  @Field(() => String) name!: string;
}

@ObjectType('Invitation', { description: 'A pending invitation to join the agency; the invitee sets their password through a one-time link sent by email.' })
export class InvitationType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => [ID], { description: 'Workspaces a member or viewer will belong to.' }) tenantIds!: string[];
  @Field(() => InvitedByType, { nullable: true }) invitedBy!: InvitedByType | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { description: 'When the current link stops working (7 days after it was sent).' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the current link was emailed; null until the email has gone out.' }) lastSentAt!: Date | null;
}

@ObjectType('InvitationPreview', { description: 'What an invitation link offers, for the page that accepts it.' })
export class InvitationPreviewType {
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String) agencyName!: string;
  @Field(() => String, { nullable: true }) invitedBy!: string | null;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType('AccountEmail', { description: 'An account email (invitation, password reset) the offline outbox kept because no email provider is configured.' })
export class AccountEmailType {
  @Field(() => String) messageId!: string;
  @Field(() => AccountEmailKind) kind!: string;
  @Field(() => String) toAddress!: string;
  @Field(() => String) fromAddress!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) text!: string;
  @Field(() => Date) deliveredAt!: Date;
}

export const SessionConnection = connectionType(SessionType, 'Session');
export type SessionConnection = InstanceType<typeof SessionConnection>;
export const InvitationConnection = connectionType(InvitationType, 'Invitation');
export type InvitationConnection = InstanceType<typeof InvitationConnection>;
export const AccountEmailConnection = connectionType(AccountEmailType, 'AccountEmail');
export type AccountEmailConnection = InstanceType<typeof AccountEmailConnection>;

@InputType()
export class InviteUserInput {
  @Field(() => String, { description: 'At most 254 characters.' }) email!: string;
  @Field(() => String, { description: '1-200 characters.' }) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => [ID], { nullable: true, description: 'Workspaces a member or viewer will belong to (at most 1000).' }) tenantIds?: string[] | null;
}
