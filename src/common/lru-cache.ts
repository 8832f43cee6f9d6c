/**
 * A bounded map that forgets the least recently used entries first (a Map keeps insertion order).
 *
 * Past its capacity it forgets the oldest tenth at once, not one entry per insert: a Map keeps a deleted
 * entry's slot until it next rehashes, and `keys().next()` walks over every such slot at its front, so
 * forgetting one entry per insert cost ~60 µs an insert at 200,000 entries (a hub past that many records
 * paid it for every record written and every feature read). One walk per tenth: ~1 µs an insert, measured.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  /** How many entries an eviction keeps: nine tenths of the capacity, and always the newest one. */
  private readonly keepOnEviction: number;

  constructor(private readonly capacity: number) {
    this.keepOnEviction = Math.max(1, Math.floor(capacity * 0.9));
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.forgetOldest(this.map.size - this.keepOnEviction);
  }

  clear(): void {
    this.map.clear();
  }

  /** One walk from the oldest entry, however many it forgets. */
  private forgetOldest(count: number): void {
    let forgotten = 0;
    for (const key of this.map.keys()) {
      if (forgotten === count) return;
      this.map.delete(key);
      forgotten++;
    }
  }
}
