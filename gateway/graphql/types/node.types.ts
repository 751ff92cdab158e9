import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeKind } from '../../../core/autopilot/autopilot.ports.ts';

/** Set on what `node(id)` returns, so the interface knows which type it is. */
export const NODE_KIND = Symbol('node kind');

/** Relay's object identification: anything with a globally unique id can be refetched by node(id). */
@InterfaceType('Node', {
  description: 'An object with a globally unique id (a UUID), refetchable with node(id).',
  resolveType: (value: { [NODE_KIND]?: NodeKind }) => value[NODE_KIND],
})
export abstract class NodeInterface {
  @Field(() => ID) id!: string;
}
