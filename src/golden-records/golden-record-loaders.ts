import type { GraphQLContext } from '../auth/graphql-context';
import type { GoldenRecordLoaders, GoldenRecordQueryService } from './golden-record-query.service';

const loadersByContext = new WeakMap<GraphQLContext, GoldenRecordLoaders>();

/** The DataLoaders of one GraphQL request, created on first use and shared by every resolver of the request. */
export function goldenRecordLoaders(context: GraphQLContext, service: GoldenRecordQueryService): GoldenRecordLoaders {
  let loaders = loadersByContext.get(context);
  if (!loaders) {
    loaders = service.createLoaders();
    loadersByContext.set(context, loaders);
  }
  return loaders;
}
