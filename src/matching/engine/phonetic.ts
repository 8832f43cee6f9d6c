import { doubleMetaphone } from 'double-metaphone';
import { normalizeName } from './normalize/name';

const SPACES = / /g;
const TRIPLED = /(.)\1\1+/g;

/**
 * Double Metaphone codes of the normalised name with its spaces removed: the primary code, then the
 * secondary when it differs ("Schmidt" → ["XMT", "SMT"]); [] when the name has nothing to encode.
 */
export function phoneticKeys(name: string): string[] {
  // A letter keyed three times or more is a slip ("Milller"): no name spells one so, and the encoder would code it twice.
  const folded = normalizeName(name).replace(SPACES, '').replace(TRIPLED, '$1$1');
  if (folded === '') return [];
  const [primary, secondary] = doubleMetaphone(folded);
  if (primary === '') return secondary === '' ? [] : [secondary];
  return secondary === '' || secondary === primary ? [primary] : [primary, secondary];
}
