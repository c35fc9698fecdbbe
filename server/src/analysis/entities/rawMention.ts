import type { EntityType, TextSpan } from '../types';

/** A typed entity span before alias clustering gives it an id. */
export interface RawMention extends TextSpan {
  type: EntityType;
  /** Gazetteer id when the mention names a known place. */
  placeId?: string;
}
