// Entry of dist/charts.js: the pages' charts and the parts of Chart.js they use, loaded by a page
// once its text is painted (chartLoader.ts).
import { drawScatter } from './scatterPlot';
import { drawSeriesChart } from './seriesChart';

window.modelLabCharts = { drawScatter, drawSeriesChart };
