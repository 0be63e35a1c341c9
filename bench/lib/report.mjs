// Turns the sections' rows into the Markdown tables printed and saved next to the JSON.

function num(x, digits) {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

function side(s, unit, digits) {
  if (!s) return '—';
  if (s.status === 'measured') return `${num(s.value ?? s.seconds, digits)}${unit ? ' ' + unit : ''}`;
  return `${s.status}: ${s.reason}`;
}

const mb = (x) => (x === undefined ? '—' : `${num(x, 0)} MB`);
const metText = (met) => (met === undefined ? '—' : met ? 'yes' : 'NO');

const ratioText = (x) => (x === undefined ? '—' : `${num(x, 2)}×`);

/** "ours / theirs (ratio)" for one measured quantity of both sides. */
function pair(ours, theirs, ratio, digits, unit) {
  const v = (x) => (x === undefined ? '—' : `${num(x, digits)}${unit}`);
  return `${v(ours)} / ${v(theirs)} (${ratioText(ratio)})`;
}

function svcTable(rows) {
  const lines = [
    'Each cell: Model Lab / scikit-learn (ratio). Cold: one fit and predict in a fresh process; warm: the fifth in one process; ' +
      'whole process: the process\'s wall time, start to exit, for the cold run (Node.js vs Python with its imports).',
    '',
    '| n | fit | predict | fit + predict (cold) | fit + predict (warm) | peak RSS | whole process | predictions | target | met |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const r of rows) {
    if (r.ours.status !== 'measured' || r.theirs.status !== 'measured') {
      lines.push(`| ${r.label ?? r.n.toLocaleString('en')} | ${side(r.ours, 's', 4)} | ${side(r.theirs, 's', 4)} | | | | | ${r.predictions} | ${r.target ?? '—'} | ${metText(r.met)} |`);
      continue;
    }
    const o = r.ours, t = r.theirs;
    lines.push(
      `| ${r.label ?? r.n.toLocaleString('en')} | ${pair(o.fitSeconds, t.fitSeconds, r.fitRatio, 4, ' s')} | ${pair(o.predictSeconds, t.predictSeconds, r.predictRatio, 4, ' s')} | ` +
        `${pair(o.seconds, t.seconds, r.ratio, 4, ' s')} | ${pair(o.warmSeconds, t.warmSeconds, r.warmRatio, 4, ' s')} | ` +
        `${pair(o.peakRssMB, t.peakRssMB, r.memoryRatio, 0, ' MB')} | ${pair(o.processSeconds, t.processSeconds, r.processRatio, 3, ' s')} | ` +
        `${r.predictions} | ${r.target ?? '—'} | ${metText(r.met)} |`,
    );
  }
  return lines.join('\n');
}

function otherTable(rows) {
  const lines = ['| measurement | Model Lab | reference | ratio (ours/theirs) | target | met | notes |', '|---|---:|---:|---:|---|---|---|'];
  for (const r of rows) {
    const digits = r.unit === 's' ? 3 : 1;
    const value = (s) => (s?.status === 'measured' ? `${num(s.value ?? s.seconds, digits)} ${r.unit}` : s ? `${s.status}: ${s.reason}` : '—');
    const notes = [r.ours?.note, r.ours?.peakRssMB !== undefined ? `peak RSS ${num(r.ours.peakRssMB, 0)} MB` : undefined,
      r.theirs?.peakRssMB !== undefined ? `${r.theirsLabel} peak RSS ${num(r.theirs.peakRssMB, 0)} MB` : undefined, r.note]
      .filter(Boolean).join('; ');
    lines.push(
      `| ${r.what} | ${value(r.ours)} | ${r.theirs ? `${value(r.theirs)} (${r.theirsLabel})` : '—'} | ${r.ratio !== undefined ? num(r.ratio, 2) + '×' : '—'} | ${r.target ?? '—'} | ${metText(r.met)} | ${notes || ''} |`,
    );
  }
  return lines.join('\n');
}

export function toMarkdown(results) {
  const parts = [`# Model Lab benchmark — ${results.date}`, '', `${results.machine}. Options: ${results.options}.`, ''];
  if (results.svc) parts.push(`## SVC fit + predict (median of ${results.runs} fresh processes per side; warm: median of ${Math.min(results.runs, 3)})`, '', svcTable(results.svc), '');
  const others = [...(results.cli ?? []), ...(results.ext ?? []), ...(results.models ?? [])];
  if (others.length) parts.push('## CLI, extension and models folder', '', otherTable(others), '');
  if (results.tune?.length) parts.push(`## tune: 12 candidates × 5 folds against GridSearchCV (median of ${results.runs} fresh processes per side)`, '', otherTable(results.tune), '');
  if (results.sweep?.length) parts.push(`## sweep: 8 models on worker threads (median of ${results.runs} fresh processes per side; memory: median of ${Math.min(results.runs, 3)})`, '', otherTable(results.sweep), '');
  parts.push('Ratios come from one run on one machine; absolute times on this shared 2-core machine vary up to 2× between runs.');
  return parts.join('\n') + '\n';
}
