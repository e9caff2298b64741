// The balance panel: planned (outlined) against delivered (filled) minutes per discipline,
// stacked per week, with a dashed line where a stage begins. Data from json_script.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("balance-data");
  const canvas = document.querySelector("[data-balance-chart]");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);

  const stageLines = {
    id: "stageLines",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.font = "12px system-ui, sans-serif";
      ctx.fillStyle = "#333";
      ctx.strokeStyle = "#555";
      ctx.setLineDash([5, 4]);
      for (const boundary of data.boundaries) {
        const x = scales.x.getPixelForValue(boundary.index) - scales.x.width / data.labels.length / 2;
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.fillText(boundary.name, x + 4, chartArea.top + 12);
      }
      ctx.restore();
    },
  };

  // A solid line through today's place in its week, drawn without a plugin package.
  const todayLine = {
    id: "todayLine",
    afterDatasetsDraw(chart) {
      if (data.today < 0 || data.today >= data.labels.length) return;
      const { ctx, chartArea, scales } = chart;
      const band = scales.x.width / data.labels.length;
      const x = scales.x.getPixelForValue(data.today) - band / 2 + band * (data.today_fraction + 1 / 14);
      ctx.save();
      ctx.strokeStyle = "#b02a37";
      ctx.fillStyle = "#b02a37";
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.font = "bold 12px system-ui, sans-serif";
      const label = data.today_label;
      const width = ctx.measureText(label).width;
      ctx.fillText(label, Math.min(x + 4, chartArea.right - width), chartArea.bottom - 6);
      ctx.restore();
    },
  };

  const datasets = [];
  for (const discipline of data.disciplines) {
    datasets.push({
      label: `${discipline.label} planned`,
      data: discipline.planned,
      stack: "planned",
      backgroundColor: "rgba(255, 255, 255, 0.6)",
      borderColor: discipline.colour,
      borderWidth: 2,
    });
    datasets.push({
      label: `${discipline.label} delivered`,
      data: discipline.delivered.map((value, index) => (index > data.today ? null : value)),
      stack: "delivered",
      backgroundColor: discipline.colour,
      borderColor: discipline.colour,
      borderWidth: 1,
    });
  }

  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      layout: { padding: { top: 8 } },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, title: { display: true, text: "minutes per week" } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: { mode: "index", intersect: false },
      },
    },
    plugins: [stageLines, todayLine],
  });
});
