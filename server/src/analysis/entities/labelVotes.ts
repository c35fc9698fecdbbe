import type { NerLabel } from '../ner';

/** How often the tagger gave a name each label. */
export class LabelVotes {
  per = 0;
  org = 0;
  loc = 0;
  misc = 0;

  add(label: NerLabel): void {
    if (label === 'PER') this.per++;
    else if (label === 'ORG') this.org++;
    else if (label === 'LOC') this.loc++;
    else this.misc++;
  }

  /** The label given most often, or null when two or more share the highest count. */
  winner(): NerLabel | null {
    const max = Math.max(this.per, this.org, this.loc, this.misc);
    let label: NerLabel | null = this.per === max ? 'PER' : null;
    if (this.org === max) {
      if (label) return null;
      label = 'ORG';
    }
    if (this.loc === max) {
      if (label) return null;
      label = 'LOC';
    }
    if (this.misc === max) {
      if (label) return null;
      label = 'MISC';
    }
    return label;
  }
}
