import { phoneticWord } from './names';

/*
 * The given names of one surname's people, indexed by every way
 * compatibleGiven (names.ts) can accept a pair: the same spelling key, an
 * initial against a first letter, a shortened form of three letters or more
 * against the name it starts, a listed nickname. `candidates` returns every
 * given name compatible with a name, and a few more (the caller checks each
 * with compatibleGiven), without comparing it with all of them: a page that
 * names hundreds of people of one family name compared each new given name
 * with every earlier one.
 */

/** Shortest shortened form compatibleGiven accepts. */
const MIN_SHORT = 3;

export class GivenIndex<T extends { given: string }> {
  private readonly byKey = new Map<string, T[]>();
  private readonly byFirst = new Map<string, T[]>();
  private readonly initials = new Map<string, T[]>();
  private readonly exact = new Map<string, T[]>();
  private readonly byPrefix = new Map<string, T[]>();
  private readonly byCanonical = new Map<string, T[]>();

  constructor(private readonly nicknames: ReadonlyMap<string, string>) {}

  add(item: T): void {
    const g = item.given;
    push(this.byKey, phoneticWord(g), item);
    push(this.exact, g, item);
    push(this.byCanonical, this.nicknames.get(g) ?? g, item);
    if (g.length > 0) push(this.byFirst, g[0], item);
    if (g.length === 1) push(this.initials, g, item);
    for (let n = MIN_SHORT; n <= g.length; n++) push(this.byPrefix, g.slice(0, n), item);
  }

  /** Every item whose given name may be compatible with `given`, each once. */
  candidates(given: string): Set<T> {
    const out = new Set<T>();
    const take = (list: T[] | undefined) => {
      if (list) for (const item of list) out.add(item);
    };
    take(this.byKey.get(phoneticWord(given)));
    take(this.byCanonical.get(this.nicknames.get(given) ?? given));
    // An initial on either side: the first letters decide.
    if (given.length === 1) take(this.byFirst.get(given));
    else if (given.length > 1) take(this.initials.get(given[0]));
    // A shortened form: the given names that start this one, and those this one starts.
    for (let n = MIN_SHORT; n <= given.length; n++) take(this.exact.get(given.slice(0, n)));
    if (given.length >= MIN_SHORT) take(this.byPrefix.get(given));
    return out;
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
