/** Edit distance (insertions, deletions, substitutions, adjacent swaps): small inputs only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest known name to a mistyped one, when it is close enough to be what was meant. */
export function didYouMean(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = k.startsWith(typed) && typed.length >= 3 ? 0.5 : distance(typed, k);
    if (dist < bestD) {
      best = k;
      bestD = dist;
    }
  }
  return bestD <= Math.max(1, Math.floor(typed.length / 3)) ? best : undefined;
}
