// The smallest and largest of many numbers. Math.min(...values) passes each value as an argument,
// and past ~125,000 of them (a table read whole, a class per row) the call overflows the stack
// ("Maximum call stack size exceeded"): these loop instead. As Math.min/Math.max: NaN when a value
// is NaN, Infinity (min) or -Infinity (max) when there are none.

export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < min || (v === 0 && min === 0 && Object.is(v, -0))) min = v;
  }
  return min;
}

export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > max || (v === 0 && max === 0 && Object.is(max, -0))) max = v;
  }
  return max;
}
