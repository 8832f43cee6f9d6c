import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Connection, Edge, PageInfoData } from '../pagination';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo implements PageInfoData {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionTypes<T> {
  connection: Type<Connection<T>>;
  edge: Type<Edge<T>>;
}

/** Declares the GraphQL types `XEdge` and `XConnection` (with a lazily counted `totalCount`) for a node type. */
export function connectionTypes<T>(node: Type<T>, name: string): ConnectionTypes<T> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { nullable: true, description: 'How many nodes match, over all pages.' })
    totalCount?: Promise<number> | null;
  }
  return { connection: ConnectionType as unknown as Type<Connection<T>>, edge: EdgeType };
}
