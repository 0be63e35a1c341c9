// Test data for fits that take a moment: three overlapping classes of noisy 4-feature rows, as CSV
// text with a header (a,b,c,d,target), the same for the same `n` and `seed`.
export function flowersCsv(n: number, seed: number): string {
  let s = seed;
  const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['a,b,c,d,target'];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    lines.push(`${[0, 1, 2, 3].map((j) => (c * (1 + j / 4) + 2.2 * random()).toFixed(3)).join(',')},${['setosa', 'versicolor', 'virginica'][c]}`);
  }
  return lines.join('\n') + '\n';
}
