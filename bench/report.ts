export type Target = Readonly<{ text: string; pass: boolean }>;
export type Figure = Readonly<{
  label: string;
  value: number;
  unit: string;
  baseline?: Readonly<{ label: string; value: number; ratio: number }>;
  targets: readonly Target[];
  detail?: Readonly<Record<string, number | string>>;
}>;

export const withBaseline =
  (label: string, value: number): ((of: number) => Figure['baseline']) =>
  (of) => ({ label, value, ratio: of / value });

/** The item whose `key` is the median (the lower middle one of an even count); `items` must not be empty. */
export const medianBy = <T>(items: readonly T[], key: (item: T) => number): T =>
  [...items].sort((a, b) => key(a) - key(b))[(items.length - 1) >> 1];

/** `value ≥ minimum` (or `≤` for `atMost`), printed with its pass or miss. */
export const atLeast = (text: string, value: number, minimum: number): Target => ({ text, pass: value >= minimum });
export const atMost = (text: string, value: number, maximum: number): Target => ({ text, pass: value <= maximum });

const number = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toPrecision(3));

export function printTable(figures: Readonly<Record<string, Figure>>): void {
  const rows = Object.values(figures).map((figure) => [
    figure.label,
    `${number(figure.value)} ${figure.unit}`,
    figure.baseline
      ? `${figure.baseline.label}: ${number(figure.baseline.value)} (×${figure.baseline.ratio.toFixed(3)})`
      : '—',
    figure.targets.map((target) => `${target.text} ${target.pass ? 'pass' : 'MISS'}`).join('; ') || '—',
  ]);
  const header = ['figure', 'value', 'baseline, same run', 'target'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}`);
  for (const row of rows) console.log(line(row));
}
