/**
 * How common a blocking key is, counted in entities: the golden records its holders belong to. A key
 * exists to gather one entity's records, so six records of one person under one birth date and initial
 * are one holder, while six people under it are a crowd. Counting records instead would turn a key
 * generic for a person known to many systems, or, with a limit high enough for them, let a large hub
 * share each key by dozens of people.
 */

/**
 * Past this many records per allowed entity a key is generic without counting its entities: reading
 * every holder's golden record just to count them would cost what demoting the key saves.
 */
export const RECORDS_PER_ENTITY = 2;

/** The most records a key with this entity limit may have before it is generic whatever they are. */
export function recordCap(limit: number): number {
  return limit * RECORDS_PER_ENTITY;
}

/**
 * Whether a key is too common to block on: held by more than `limit` entities, or by more than
 * recordCap(limit) records. `entities` is called only when the record count cannot decide.
 */
export function isGenericKey(records: number, entities: () => number, limit: number): boolean {
  if (records <= limit) return false;
  if (records > recordCap(limit)) return true;
  return entities() > limit;
}
