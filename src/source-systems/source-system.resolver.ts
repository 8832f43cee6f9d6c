import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { principalOf, type GraphQLContext } from '../auth/graphql-context';
import { actorOf } from '../auth/role';
import { ENTITY_TYPES } from '../common/entity-type';
import { RecomputeService } from '../stewardship/recompute.service';
import { Roles } from '../auth/roles.decorator';
import { withUserErrors } from '../common/graphql/user-error.model';
import {
  CreateSourceSystemInput,
  SourceSystemModel,
  SourceSystemPayload,
  UpdateSourceSystemInput,
  type AttributeTrustModel,
} from './source-system.models';
import { SourceSystemService, type SourceSystem } from './source-system.service';

@Resolver(() => SourceSystemModel)
export class SourceSystemResolver {
  constructor(
    private readonly systems: SourceSystemService,
    private readonly recompute: RecomputeService,
  ) {}

  @Query(() => [SourceSystemModel])
  @Roles('admin', 'steward', 'reader')
  async sourceSystems(): Promise<SourceSystemModel[]> {
    return (await this.systems.list()).map(toModel);
  }

  @Mutation(() => SourceSystemPayload, { description: 'Registers a source system (admin).' })
  @Roles('admin')
  createSourceSystem(@Args('input') input: CreateSourceSystemInput, @Context() context: GraphQLContext): Promise<SourceSystemPayload> {
    return withUserErrors<SourceSystemPayload>(
      async () => ({
        sourceSystem: toModel(
          await this.systems.create(
            {
              code: input.code,
              name: input.name ?? undefined,
              defaultTrust: input.defaultTrust ?? undefined,
              attributeTrust: trustMap(input.attributeTrust),
              uniqueRecords: input.uniqueRecords ?? undefined,
              defaultCountry: input.defaultCountry ?? undefined,
            },
            actorOf(principalOf(context)),
          ),
        ),
      }),
      { sourceSystem: null },
    );
  }

  @Mutation(() => SourceSystemPayload, { description: 'Changes the name, trust ranking, uniqueRecords or default country of a source system (admin).' })
  @Roles('admin')
  updateSourceSystem(
    @Args('code') code: string,
    @Args('input') input: UpdateSourceSystemInput,
    @Context() context: GraphQLContext,
  ): Promise<SourceSystemPayload> {
    return withUserErrors<SourceSystemPayload>(
      async () => {
        const system = await this.systems.update(
          code,
          {
            name: input.name ?? undefined,
            defaultTrust: input.defaultTrust ?? undefined,
            attributeTrust: trustMap(input.attributeTrust),
            uniqueRecords: input.uniqueRecords ?? undefined,
            // Absent keeps it, an empty string clears it.
            defaultCountry: input.defaultCountry === '' ? null : (input.defaultCountry ?? undefined),
          },
          actorOf(principalOf(context)),
        );
        // Golden values follow the trust ranking: the golden records this source contributes to are recomputed now.
        if (input.defaultTrust != null || input.attributeTrust != null) {
          for (const entityType of ENTITY_TYPES) {
            await this.recompute.recompute({ entityType, source: code, actor: actorOf(principalOf(context)), reason: `trust of ${code} changed` });
          }
        }
        return { sourceSystem: toModel(system) };
      },
      { sourceSystem: null },
    );
  }
}

function trustMap(list: AttributeTrustModel[] | null | undefined): Record<string, number> | undefined {
  return list ? Object.fromEntries(list.map((t) => [t.attribute, t.rank])) : undefined;
}

function toModel(system: SourceSystem): SourceSystemModel {
  return {
    code: system.code,
    name: system.name,
    defaultTrust: system.trust.default,
    attributeTrust: Object.entries(system.trust.attributes).map(([attribute, rank]) => ({ attribute, rank })),
    uniqueRecords: system.uniqueRecords,
    defaultCountry: system.defaultCountry,
    createdAt: system.createdAt,
  };
}
