// Line charts of outcome measures, from the json_script block the chart page renders.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("measure-series");
  if (!source || typeof Chart === "undefined") return;
  const series = JSON.parse(source.textContent);
  for (const measure of series) {
    const canvas = document.querySelector(`[data-measure-chart="${measure.code}"]`);
    if (!canvas) continue;
    const datasets = [
      {
        label: measure.name,
        data: measure.points.map((p) => ({ x: p.x, y: p.y, label: p.label })),
        borderColor: "#0072B2",
        backgroundColor: "#0072B2",
        tension: 0.2,
      },
    ];
    if (measure.target !== null) {
      datasets.push({
        label: `Target ${measure.targetLabel}`,
        data: measure.points.map((p) => ({ x: p.x, y: measure.target })),
        borderColor: "#D55E00",
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }
    const tickLabel = (value) =>
      measure.levels.length ? measure.levels[value] ?? "" : value;
    new Chart(canvas, {
      type: "line",
      data: { labels: measure.points.map((p) => p.x), datasets },
      options: {
        animation: false,
        parsing: { xAxisKey: "x", yAxisKey: "y" },
        scales: {
          x: { type: "category" },
          y: {
            reverse: measure.lowerIsBetter,
            ticks: { callback: tickLabel, stepSize: measure.levels.length ? 1 : undefined },
            title: { display: true, text: measure.unit },
          },
        },
        plugins: {
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${item.raw.label ?? tickLabel(item.raw.y)}` },
          },
        },
      },
    });
  }
});
