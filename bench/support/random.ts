export { seededRandom } from '../../src/common/seeded-random';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
