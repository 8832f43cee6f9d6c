// The small ways a value goes wrong between a customer and a database: a key hit next to the right one,
// a letter dropped or doubled, two letters swapped, accents lost on a legacy system, a date keyed in the
// other order, a year digit off. Each returns the value unchanged when it cannot apply.
import type { BirthDate } from './people';
import { daysIn } from './people';

type Random = () => number;

const QWERTY = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbours(letter: string): string {
  const lower = letter.toLowerCase();
  for (let row = 0; row < QWERTY.length; row++) {
    const col = QWERTY[row].indexOf(lower);
    if (col < 0) continue;
    return [QWERTY[row][col - 1], QWERTY[row][col + 1], QWERTY[row - 1]?.[col], QWERTY[row + 1]?.[col]].filter(Boolean).join('');
  }
  return '';
}

/** One keying error: adjacent key, dropped letter, doubled letter or two letters swapped; rarely the first letter. */
export function typo(random: Random, value: string): string {
  const letters = [...value];
  const positions = letters.map((c, i) => i).filter((i) => /\p{L}/u.test(letters[i]) && (i > 0 || random() < 0.1));
  if (positions.length === 0) return value;
  const at = positions[Math.floor(random() * positions.length)];
  const kind = random();
  const keepCase = (c: string) => (letters[at] === letters[at].toUpperCase() ? c.toUpperCase() : c);
  if (kind < 0.35) {
    const near = neighbours(letters[at]);
    if (near) letters[at] = keepCase(near[Math.floor(random() * near.length)]);
  } else if (kind < 0.6) {
    if (letters.length > 3) letters.splice(at, 1);
  } else if (kind < 0.75) {
    letters.splice(at, 0, letters[at].toLowerCase());
  } else if (at + 1 < letters.length && /\p{L}/u.test(letters[at + 1])) {
    [letters[at], letters[at + 1]] = [letters[at + 1], letters[at]];
  }
  return letters.join('');
}

/** What a system without accents makes of a name: Müller → Muller, or Mueller where German habits rule. */
export function asciiFold(value: string, german: boolean): string {
  const umlauts = german ? value.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue') : value;
  return umlauts
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Day and month keyed in the other order (only where both readings are dates and differ). */
export function transposeDayMonth(birth: BirthDate): BirthDate {
  if (birth.day > 12 || birth.day === birth.month) return birth;
  return { year: birth.year, month: birth.day, day: birth.month };
}

/** One year digit off: the last digit by one, or the decade by one. Invalid dates (29 February) stay put. */
export function yearSlip(random: Random, birth: BirthDate): BirthDate {
  const step = random() < 0.6 ? (random() < 0.5 ? 1 : -1) : random() < 0.5 ? 10 : -10;
  const year = birth.year + step;
  return birth.day <= daysIn(year, birth.month) ? { ...birth, year } : birth;
}

export function isoDate(birth: BirthDate): string {
  return `${birth.year}-${String(birth.month).padStart(2, '0')}-${String(birth.day).padStart(2, '0')}`;
}

/** Name capitalised the way forms do it: first letter of each part upper case. */
export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
