/**
 * Finds the group (series) of a row from its identifying cells. A large file has one
 * row per request and only a few distinct identifying values, so the lookup runs for
 * every row and avoids building a key string each time.
 */

/** Most values a `ValueMap` compares one by one before it switches to a `Map`. */
const SCANNED_VALUES = 8

/**
 * Map from strings to values that compares a new key with each key in turn while it
 * has few, and uses a `Map` beyond. The identifying cells of a large file repeat a few
 * values, and comparing a new string with a few short ones costs less than hashing it.
 */
class ValueMap<T> {
  private readonly keys: string[] = []
  private readonly values: T[] = []
  private map: Map<string, T> | null = null

  get(key: string): T | undefined {
    if (this.map !== null) return this.map.get(key)
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] === key) return this.values[i]
    }
    return undefined
  }

  /** Adds `key`, which must not be present yet. */
  add(key: string, value: T): void {
    if (this.map !== null) {
      this.map.set(key, value)
    } else if (this.keys.length < SCANNED_VALUES) {
      this.keys.push(key)
      this.values.push(value)
    } else {
      this.map = new Map(this.keys.map((known, i) => [known, this.values[i]]))
      this.map.set(key, value)
    }
  }
}

/** A node of `GroupIndex`: one level per keyed column, the group at the leaf. */
type GroupNode<G> = G | ValueMap<GroupNode<G>>

/**
 * Finds the group of a row by the values of its keyed identity columns, without
 * building a key string per row: one lookup per keyed column.
 */
export class GroupIndex<G> {
  private root: GroupNode<G> | undefined

  /** `positions` are the places in a row's identity values of the columns that key a group. */
  constructor(private readonly positions: readonly number[]) {}

  get(values: readonly string[]): G | undefined {
    let node = this.root
    for (let i = 0; i < this.positions.length && node !== undefined; i++) {
      node = (node as ValueMap<GroupNode<G>>).get(values[this.positions[i]])
    }
    return node as G | undefined
  }

  /** Adds `group` for `values`, which have none yet. */
  add(values: readonly string[], group: G): void {
    const last = this.positions.length - 1
    if (last < 0) {
      this.root = group
      return
    }
    this.root ??= new ValueMap()
    let level = this.root as ValueMap<GroupNode<G>>
    for (let i = 0; i < last; i++) {
      const value = values[this.positions[i]]
      let next = level.get(value) as ValueMap<GroupNode<G>> | undefined
      if (next === undefined) {
        next = new ValueMap()
        level.add(value, next)
      }
      level = next
    }
    level.add(values[this.positions[last]], group)
  }
}
