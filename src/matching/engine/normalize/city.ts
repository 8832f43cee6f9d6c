import { CITY_NAME_GROUPS } from '../data/city-names';
import { normalizeName } from './name';

const CITY_NAMES = new Map(CITY_NAME_GROUPS.flatMap((group) => group.map((name) => [name, group[0]] as const)));

/** A city folded, and named as its own country names it (Munich, Muenchen → munchen). */
export function cityName(value: string): string {
  const name = normalizeName(value);
  return CITY_NAMES.get(name) ?? name;
}
