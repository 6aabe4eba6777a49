/** The fee items of section 5 ($1, $2), named as in the submission's `fees` object. */
export const FEE_ITEMS = ['processing', 'openWorkPermitHolder', 'biometrics', 'restoration'] as const;
export type FeeItem = (typeof FEE_ITEMS)[number];

/** Amounts in CAD per fee item; an item that is absent is zero. */
export type FeeAmounts = Readonly<Partial<Record<FeeItem, number>>>;

const toCents = (amount: number): number => Math.round(amount * 100);

export const amountOf = (fees: FeeAmounts, item: FeeItem): number => fees[item] ?? 0;

/** Keeps only the items with a positive amount, in {@link FEE_ITEMS} order (a stable JSON shape). */
export function positiveAmounts(fees: FeeAmounts): FeeAmounts {
  const kept: Partial<Record<FeeItem, number>> = {};
  for (const item of FEE_ITEMS) if (toCents(amountOf(fees, item)) > 0) kept[item] = amountOf(fees, item);
  return kept;
}

export function addAmounts(a: FeeAmounts, b: FeeAmounts): FeeAmounts {
  const sum: Partial<Record<FeeItem, number>> = {};
  for (const item of FEE_ITEMS) sum[item] = (toCents(amountOf(a, item)) + toCents(amountOf(b, item))) / 100;
  return positiveAmounts(sum);
}

/** The part of `owed` not covered by `paid`, item by item (compared in cents). */
export function shortfall(owed: FeeAmounts, paid: FeeAmounts): FeeAmounts {
  const missing: Partial<Record<FeeItem, number>> = {};
  for (const item of FEE_ITEMS) {
    const gap = toCents(amountOf(owed, item)) - toCents(amountOf(paid, item));
    if (gap > 0) missing[item] = gap / 100;
  }
  return missing;
}

/** The items of `fees` listed in `items`, positive amounts only. */
export function pickAmounts(fees: FeeAmounts, items: readonly FeeItem[]): FeeAmounts {
  const picked: Partial<Record<FeeItem, number>> = {};
  for (const item of items) picked[item] = amountOf(fees, item);
  return positiveAmounts(picked);
}

export function describeAmounts(fees: FeeAmounts): string {
  const parts = FEE_ITEMS.filter((item) => fees[item] !== undefined).map((item) => `${item} ${fees[item]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
