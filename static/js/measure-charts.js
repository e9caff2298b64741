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
        data: measure.points.map((p) => ({ x: p.date, y: p.y, label: p.label })),
        borderColor: "#0072B2",
        backgroundColor: "#0072B2",
        tension: 0.2,
      },
    ];
    if (measure.target !== null) {
      datasets.push({
        label: `Target ${measure.targetLabel}`,
        data: measure.points.map((p) => ({ x: p.date, y: measure.target })),
        borderColor: "#D55E00",
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }
    // "Today": a line after the last result taken before or on today (ISO dates compare as text).
    const today = measure.today;
    const before = measure.points.filter((p) => p.x <= today).length;
    const todayLine = {
      id: "todayLine",
      afterDatasetsDraw(chart) {
        const { ctx, chartArea, scales } = chart;
        const count = measure.points.length;
        if (!count) return;
        const last = scales.x.getPixelForValue(count - 1);
        const step = count > 1 ? (last - scales.x.getPixelForValue(0)) / (count - 1) : 20;
        let x = before === 0 ? chartArea.left : scales.x.getPixelForValue(before - 1);
        if (before > 0 && measure.points[before - 1].x < today) x = Math.min(x + step / 2, chartArea.right);
        ctx.save();
        ctx.strokeStyle = "#b02a37";
        ctx.fillStyle = "#b02a37";
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.font = "bold 12px system-ui, sans-serif";
        const width = ctx.measureText("Today").width;
        ctx.fillText("Today", Math.max(chartArea.left, Math.min(x - width - 4, chartArea.right - width)), chartArea.top + 12);
        ctx.restore();
      },
    };
    const tickLabel = (value) =>
      measure.levels.length ? measure.levels[value] ?? "" : value;
    new Chart(canvas, {
      type: "line",
      data: { labels: measure.points.map((p) => p.date), datasets },
      options: {
        animation: false,
        parsing: { xAxisKey: "x", yAxisKey: "y" },
        scales: {
          x: { type: "category" },
          y: {
            reverse: measure.lowerIsBetter,
            // The measure's full scale, so that a change looks as large as it is.
            min: measure.min ?? undefined,
            max: measure.max ?? undefined,
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
      plugins: [todayLine],
    });
  }
});
