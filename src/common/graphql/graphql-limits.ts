import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import type { CanonConfig } from '../../config/canon-config';
import type { GraphQLLimits } from '../../config/graphql-limits';
import { assertQueryCost } from './query-cost';

type LimitOptions = Pick<MercuriusDriverConfig, 'allowBatchedQueries' | 'graphql' | 'validationRules' | 'hooks'>;

/**
 * The Mercurius options that bound what one document may ask: tokens (while parsing), depth, aliases
 * and directives (validation rules, cached per document by Mercurius), cost (per request, since it
 * depends on the variables); in production, no introspection. No batching: one operation per request.
 */
export function graphqlLimitOptions(config: CanonConfig, limits: GraphQLLimits): LimitOptions {
  // graphql-armor's rules throw a "Syntax Error: …" by default; reported instead, they are validation
  // errors like any other (400, GRAPHQL_VALIDATION_FAILED) and Mercurius caches the rejection.
  const report = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
  const armor = { propagateOnRejection: false, onReject: [report] };
  const validationRules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...armor }),
    maxAliasesRule({ n: limits.maxAliases, ...armor }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor }),
  ];
  if (config.production) validationRules.push(NoSchemaIntrospectionCustomRule);
  return {
    allowBatchedQueries: false,
    graphql: { parseOptions: { maxTokens: limits.maxTokens } },
    validationRules,
    hooks: {
      preExecution: (schema, document, context, variables) => {
        assertQueryCost(limits.maxCost, schema, document, variables, operationNameOf(context.reply?.request));
      },
    },
  };
}

// Mercurius does not hand the operation name to hooks; it is in the body (POST) or the query string (GET).
function operationNameOf(request: FastifyRequest | undefined): string | undefined {
  const params = (request?.method === 'GET' ? request.query : request?.body) as { operationName?: unknown } | undefined;
  return typeof params?.operationName === 'string' ? params.operationName : undefined;
}
