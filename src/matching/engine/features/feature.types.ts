/** A comparable feature value: text, a number, or a set of tokens/codes; null when the record has none. */
export type FeatureValue = string | number | readonly string[] | null;

/** The features of one record, derived once from its cleansed attributes and reused for every comparison. */
export type Features = Readonly<Record<string, FeatureValue>>;

/** `phone`: a cleansed phone (`+493023456700;ext=280`), compared as a number and an extension. */
export type FeatureKind = 'text' | 'name' | 'given-name' | 'phone' | 'date' | 'number' | 'tokens';

/** What the features of an entity type are called and what kind each is; rules files may only use these. */
export type FeatureCatalog = Readonly<Record<string, FeatureKind>>;
