/** The kinds of master data the hub manages. Each has a data contract, a matching engine and GraphQL types. */
export const ENTITY_TYPES = ['customer', 'product'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}
