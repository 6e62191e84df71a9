// Latency samples per action type, and the few numbers the benchmark prints about them.

export class Samples {
  private readonly byAction = new Map<string, number[]>();

  add(action: string, ms: number): void {
    const list = this.byAction.get(action);
    if (list) list.push(ms);
    else this.byAction.set(action, [ms]);
  }

  /** Every sample of `other`, under its own action. */
  addAll(other: Samples): void {
    for (const action of other.actions()) for (const ms of other.of(action)) this.add(action, ms);
  }

  actions(): string[] {
    return [...this.byAction.keys()];
  }

  of(action: string): readonly number[] {
    return this.byAction.get(action) ?? [];
  }

  /** Every sample of the actions `pick` accepts, pooled. */
  pooled(pick: (action: string) => boolean): number[] {
    return [...this.byAction].filter(([action]) => pick(action)).flatMap(([, list]) => list);
  }

  get count(): number {
    let n = 0;
    for (const list of this.byAction.values()) n += list.length;
    return n;
  }
}

/** The nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarise(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  };
}

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export { fixed };
