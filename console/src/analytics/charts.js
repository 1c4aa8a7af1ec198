// The analytics page's charts: ECharts from npm, only the parts drawn here (tree-shaken
// through echarts/core), loaded as a lazy chunk when the page first draws. Tooltips are
// rich text on the canvas (no HTML, so the strict CSP holds); each chart carries an ARIA
// description ECharts writes from its data.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent,
  TooltipComponent, VisualMapComponent, CanvasRenderer]);

const COLORS = ['#1a7f5a', '#3182ce', '#dd6b20', '#805ad5', '#d53f8c', '#718096', '#38a169', '#e53e3e'];

/** A chart drawer over the given containers; dispose() when the page is left. */
export function charts() {
  const made = new Map();
  function chart(node) {
    if (!made.has(node)) {
      made.set(node, echarts.init(node, null, { renderer: 'canvas' }));
    }
    return made.get(node);
  }
  function draw(node, option, empty) {
    node.classList.toggle('is-empty', empty);
    const base = { color: COLORS, animation: false, aria: { enabled: true, decal: { show: false } },
      textStyle: { fontFamily: 'inherit' }, tooltip: { renderMode: 'richText', confine: true } };
    chart(node).setOption({ ...base, ...option, tooltip: { ...base.tooltip, ...(option.tooltip || {}) } }, { notMerge: true });
  }
  return {
    line(node, { labels, series }, empty) {
      draw(node, {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: 'line', smooth: true, showSymbol: labels.length < 60, data: s.data })),
      }, empty);
    },
    rankedBar(node, entries) {
      const shown = entries.slice().reverse();
      draw(node, {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: shown.map((e) => e[0]) },
        series: [{ type: 'bar', data: shown.map((e) => e[1]), label: { show: true, position: 'right' } }],
      }, entries.length === 0);
    },
    pie(node, entries) {
      draw(node, {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['38%', '66%'], center: ['50%', '44%'],
          data: entries.map(([name, value]) => ({ name, value })), label: { formatter: '{b}\n{d}%' } }],
      }, entries.length === 0);
    },
    hours(node, counts, label) {
      const max = Math.max(1, ...counts);
      draw(node, {
        tooltip: { position: 'top', formatter: (p) => `${p.value[0]}:00  ${label(p.value[2])}` },
        grid: { left: 8, right: 8, top: 8, bottom: 52, containLabel: true },
        xAxis: { type: 'category', data: counts.map((_, h) => String(h)), splitArea: { show: true } },
        yAxis: { type: 'category', data: [''], show: false },
        visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
          inRange: { color: ['#f0fff4', '#1a7f5a'] } },
        series: [{ type: 'heatmap', data: counts.map((v, h) => [h, 0, v]), label: { show: true } }],
      }, counts.every((v) => v === 0));
    },
    resize() {
      made.forEach((c) => c.resize());
    },
    dispose() {
      made.forEach((c) => c.dispose());
      made.clear();
    },
  };
}
