// Writes a dataset as the data.csv kept beside a model: header first, '\n' line ends, numbers as the
// shortest text that reads back to the same double, so training and later validation see identical rows.
import type { Dataset } from './dataset';

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function numberText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

export function datasetToCsv(d: Dataset): string {
  const out: string[] = [[...d.featureNames, d.target].map(quote).join(',')];
  for (let i = 0; i < d.X.length; i++) {
    const label = d.y[i];
    out.push([...d.X[i].map(numberText), typeof label === 'number' ? numberText(label) : quote(label)].join(','));
  }
  return out.join('\n') + '\n';
}
