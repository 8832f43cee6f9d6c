import type { FieldMiddleware, MiddlewareContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql-context';
import { seesPii } from '../role';
import { maskAttribute, maskAttributes } from './pii-mask';

/*
 * Field middleware that masks personal data for keys without PII access. It sits on the GraphQL fields
 * themselves, not in the resolvers, so every path that reaches a field (by id, connections, search,
 * history, explanations, review tasks) is masked alike. A request without a principal is masked too.
 */

function masked(ctx: MiddlewareContext): boolean {
  const principal = (ctx.context as GraphQLContext | undefined)?.req?.principal;
  return !principal || !seesPii(principal);
}

/** A typed attribute field (Customer.email): the field's name is the attribute. */
export const maskPiiField: FieldMiddleware = async (ctx, next) => {
  const value = await next();
  return masked(ctx) ? maskAttribute(ctx.info?.fieldName ?? '', value) : value;
};

/** A JSON object of attributes (GoldenRecord.attributes, SourceRecord.attributes). */
export const maskPiiAttributes: FieldMiddleware = async (ctx, next) => {
  const value = await next();
  return masked(ctx) ? maskAttributes(value) : value;
};

/** A value whose parent names its attribute (AttributeProvenance.value, AttributeChange.before, Pin.value). */
export const maskPiiByParentAttribute: FieldMiddleware<{ attribute?: string }> = async (ctx, next) => {
  const value = await next();
  return masked(ctx) && ctx.source?.attribute ? maskAttribute(ctx.source.attribute, value) : value;
};

/** A list of `{ value }` whose parent names the attribute (losing candidates, side-by-side values). */
export const maskPiiListByParentAttribute: FieldMiddleware<{ attribute?: string }> = async (ctx, next) => {
  const list = (await next()) as { value?: unknown }[] | null;
  const attribute = ctx.source?.attribute;
  if (!list || !masked(ctx) || !attribute) return list;
  return list.map((item) => ({ ...item, value: maskAttribute(attribute, item.value) }));
};
