import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { InvitationConnection, InvitationPreviewType, InvitationType, InviteUserInput } from '../types/account.types.ts';
import { AuthPayload } from '../types/tenancy.types.ts';
import { signedIn } from './signed-in.ts';

const invitationCursor = idCursor('invitations');

/** Joining an agency: invitations by email with a one-time link, and accepting one. */
@Resolver()
export class InvitationResolver {
  @Mutation(() => InvitationType, {
    description:
      'Invites someone to the agency (owner or admin): they get an email with a one-time link, valid 7 days, to choose their password. The answer is the same whether or not the address has an account elsewhere. More than 20 invitations (or resends) by an agency within 15 minutes are refused with RATE_LIMITED.',
  })
  async inviteUser(@Arg('input', () => InviteUserInput) input: InviteUserInput, @Ctx() { auth, services }: GraphQLContext) {
    return services.accounts.invitations.invite(await auth.agency(), input);
  }

  @Query(() => InvitationConnection, { description: 'Invitations not yet accepted or revoked, expired ones included, newest first (owner or admin).' })
  async invitations(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const found = await services.accounts.invitations.list(await auth.agency(), pageQuery(page, invitationCursor));
    return toConnection(found, (invitation) => invitationCursor.encode(invitation.id));
  }

  @Mutation(() => InvitationType, { description: 'Emails a new link for a pending invitation, valid 7 days; the previous link stops working (owner or admin).' })
  async resendInvitation(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    return services.accounts.invitations.resend(await auth.agency(), id);
  }

  @Mutation(() => InvitationType, { description: 'Withdraws a pending invitation: its link stops working (owner or admin).' })
  async revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    return services.accounts.invitations.revoke(await auth.agency(), id);
  }

  @Query(() => InvitationPreviewType, {
    nullable: true,
    description: 'What an invitation link offers (anyone holding the link; null, with the error, for a link that does not work). Uses of links are limited to 30 per address per 15 minutes.',
  })
  async invitation(@Arg('token', () => String) token: string, @Ctx() { services, clientAddress }: GraphQLContext) {
    return services.accounts.invitations.preview(token, clientAddress);
  }

  @Mutation(() => AuthPayload, { description: 'Accepts an invitation with the password the invitee chose: creates their account and signs them in. The link works once.' })
  async acceptInvitation(@Arg('token', () => String) token: string, @Arg('password', () => String, { description: '8-200 characters.' }) password: string, @Ctx() context: GraphQLContext): Promise<AuthPayload> {
    const { user, session } = await context.services.accounts.invitations.accept(token, password, { address: context.clientAddress, userAgent: context.userAgent });
    return signedIn(context, user, session);
  }
}
