// Where a command's time goes: with EDA_TIMING=1, each mark records its time since the process
// started (performance.now(): Node's own start-up included), and the CLI prints them to stderr
// when the process ends. Off (the default) a mark costs one comparison. bench/profile.mjs reads
// these lines.
export const timingEnabled = process.env.EDA_TIMING === '1';
const marks: [string, number][] = [];

export function mark(label: string): void {
  if (timingEnabled) marks.push([label, performance.now()]);
}

/** One line per mark: `eda-timing <label> <ms since start> +<ms since the previous mark>`. */
export function timingLines(): string[] {
  let last = 0;
  return marks.map(([label, at]) => {
    const line = `eda-timing ${label} ${at.toFixed(1)} +${(at - last).toFixed(1)}`;
    last = at;
    return line;
  });
}
