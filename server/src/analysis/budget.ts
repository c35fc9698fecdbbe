/*
 * A per-document allowance of output. Every stage is linear in the text, but
 * a hostile document (run-on attributions with no sentence end, a run of
 * capitalised words) can still make the output many times larger than the
 * input. The budget caps what is kept: a document over budget is analysed in
 * part, with a warning the hosts show, never fatally.
 */

/** Output characters allowed per input character, plus a floor for small documents. */
export const BUDGET_PER_CHAR = 12;
export const BUDGET_FLOOR = 1_000_000;

export class AnalysisBudget {
  private used = 0;
  private readonly limit: number;
  readonly warnings: string[] = [];

  constructor(textLength: number, perChar = BUDGET_PER_CHAR, floor = BUDGET_FLOOR) {
    this.limit = floor + perChar * textLength;
  }

  /** Charges `cost` units; false (and nothing charged) when that would exceed the budget. */
  spend(cost: number): boolean {
    if (this.used + cost > this.limit) return false;
    this.used += cost;
    return true;
  }

  /** Records a warning once per message. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}
