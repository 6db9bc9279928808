/**
 * Stable slots: an item keeps its slot for as long as it exists; a new item takes the first free slot. This is
 * what keeps diagram cards from jumping when others come and go.
 */
export class SlotAllocator {
  private slots: (string | undefined)[] = [];
  private index = new Map<string, number>();

  /** Frees the slots of items not in `present`, gives new items the first free slots; returns key → slot. */
  assign(present: readonly string[]): ReadonlyMap<string, number> {
    const keep = new Set(present);
    for (const [key, slot] of this.index) {
      if (!keep.has(key)) {
        this.slots[slot] = undefined;
        this.index.delete(key);
      }
    }
    let free = 0;
    for (const key of present) {
      if (this.index.has(key)) continue;
      while (this.slots[free] !== undefined) free++;
      this.slots[free] = key;
      this.index.set(key, free);
    }
    while (this.slots.length > 0 && this.slots[this.slots.length - 1] === undefined) this.slots.pop();
    return this.index;
  }

  /** One past the highest slot in use. */
  get extent(): number {
    return this.slots.length;
  }
}
