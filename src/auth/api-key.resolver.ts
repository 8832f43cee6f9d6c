import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { withUserErrors } from '../common/graphql/user-error.model';
import { ApiKeyModel, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyPayload, ViewerModel, type RoleEnum } from './api-key.models';
import { actorOf, seesPii } from './role';
import { ApiKeyService, type ApiKey } from './api-key.service';
import { principalOf, type GraphQLContext } from './graphql-context';
import { Roles } from './roles.decorator';

@Resolver(() => ApiKeyModel)
export class ApiKeyResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Query(() => ViewerModel, { description: 'Who the calling key belongs to.' })
  @Roles('admin', 'steward', 'reader', 'source')
  viewer(@Context() context: GraphQLContext): ViewerModel {
    const principal = principalOf(context);
    return { name: principal.name, role: principal.role as RoleEnum, source: principal.source, seesPii: seesPii(principal) };
  }

  @Query(() => [ApiKeyModel])
  @Roles('admin')
  async apiKeys(): Promise<ApiKeyModel[]> {
    return (await this.keys.list()).map(toModel);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key (admin). The secret is in the payload, once.' })
  @Roles('admin')
  createApiKey(@Args('input') input: CreateApiKeyInput, @Context() context: GraphQLContext): Promise<CreateApiKeyPayload> {
    return withUserErrors<CreateApiKeyPayload>(
      async () => {
        const { apiKey, key } = await this.keys.create(input, actorOf(principalOf(context)));
        return { apiKey: toModel(apiKey), key };
      },
      { apiKey: null, key: null },
    );
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key at once (admin).' })
  @Roles('admin')
  revokeApiKey(@Args('id', { type: () => ID }) id: string, @Context() context: GraphQLContext): Promise<RevokeApiKeyPayload> {
    return withUserErrors<RevokeApiKeyPayload>(async () => ({ apiKey: toModel(await this.keys.revoke(id, actorOf(principalOf(context)))) }), { apiKey: null });
  }
}

function toModel(key: ApiKey): ApiKeyModel {
  return { ...key, role: key.role as RoleEnum };
}
