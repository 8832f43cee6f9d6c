import type { EntityType } from '../common/entity-type';
import { CanonError, type ErrorCategory } from '../common/errors/canon-error';
import type { Attributes } from '../matching/engine/types';

/** The attributes copied into indexed columns of golden_record, for the filters of `customers` / `products`. */
export const FILTER_COLUMNS = {
  email: 'email',
  familyName: 'family_name',
  city: 'city',
  country: 'country',
  gtin: 'gtin',
  brand: 'brand',
  category: 'category',
} as const;

export type FilterAttribute = keyof typeof FILTER_COLUMNS;

export const FILTERS_BY_ENTITY: Record<EntityType, readonly FilterAttribute[]> = {
  customer: ['email', 'familyName', 'city', 'country'],
  product: ['gtin', 'brand', 'category'],
};

class FilterError extends CanonError {
  readonly category: ErrorCategory = 'BAD_USER_INPUT';
}

/** Refuses a filter value no golden record can hold, instead of quietly finding nothing ("Australia" for a country). */
export function checkFilter(attribute: FilterAttribute, value: string): void {
  if (attribute === 'country' && !/^[A-Za-z]{2}$/.test(value.trim())) {
    throw new FilterError('INVALID_FILTER', `country is an ISO 3166-1 alpha-2 code such as AU or DE, not "${value}"`, 'country');
  }
}

/**
 * The comparable form of a filter value: case-insensitive for names and places, upper case for country
 * codes, as stored for GTINs and emails (which the normalisers already cleansed).
 */
export function filterKey(attribute: FilterAttribute, value: string): string {
  const trimmed = value.trim();
  switch (attribute) {
    case 'country':
      return trimmed.toUpperCase();
    case 'gtin':
      return trimmed;
    default:
      return trimmed.toLowerCase();
  }
}

/** The filter column values of a golden record, in FILTER_COLUMNS order (null where it does not apply). */
export function filterColumnValues(entityType: EntityType, attributes: Attributes): (string | null)[] {
  const applicable = new Set<string>(FILTERS_BY_ENTITY[entityType]);
  return (Object.keys(FILTER_COLUMNS) as FilterAttribute[]).map((attribute) => {
    const value = attributes[attribute];
    return applicable.has(attribute) && typeof value === 'string' ? filterKey(attribute, value) : null;
  });
}
