// The balance panel: planned (outlined) against delivered (filled) minutes per discipline,
// stacked per week, with a dashed line where a stage begins and a solid one through today.
// Data from json_script.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("balance-data");
  const canvas = document.querySelector("[data-balance-chart]");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);

  const ROW = 16; // height of one row of labels above the plot
  const GAP = 6; // between two labels of a row
  const STAGE = { font: "12px system-ui, sans-serif", colour: "#333" };
  const TODAY = { font: "bold 12px system-ui, sans-serif", colour: "#b02a37" };

  // The stage names and "Today" sat on the bars, ran into each other ("AcEarly subacute"
  // on a phone) and off the right edge ("Chron"): each label now goes in the first row
  // above the plot where it overlaps no other, flipped to the left of its line at the
  // right edge; the plot moves down to make room for the rows.
  function placeLabels(chart) {
    const { ctx, scales } = chart;
    const band = scales.x.width / data.labels.length;
    const marks = data.boundaries.map((boundary) => ({
      text: boundary.name,
      x: scales.x.getPixelForValue(boundary.index) - band / 2,
      style: STAGE,
    }));
    if (data.today >= 0 && data.today < data.labels.length) {
      marks.push({
        text: data.today_label,
        x: scales.x.getPixelForValue(data.today) - band / 2 + band * (data.today_fraction + 1 / 14),
        style: TODAY,
        today: true,
      });
    }
    marks.sort((a, b) => a.x - b.x);
    const rowsEnd = [];
    ctx.save();
    for (const mark of marks) {
      ctx.font = mark.style.font;
      mark.width = ctx.measureText(mark.text).width;
      mark.left = mark.x + 4;
      if (mark.left + mark.width > chart.width - 2) mark.left = Math.max(2, mark.x - 4 - mark.width);
      let row = rowsEnd.findIndex((end) => end + GAP <= mark.left);
      if (row < 0) row = rowsEnd.push(0) - 1;
      rowsEnd[row] = mark.left + mark.width;
      mark.row = row;
    }
    ctx.restore();
    return { marks, rows: rowsEnd.length };
  }

  const markLines = {
    id: "markLines",
    afterLayout(chart) {
      chart.$marks = placeLabels(chart);
    },
    afterRender(chart) {
      // The rows' room is known once the x axis is laid out; the top padding does not move
      // it, so one more update settles it.
      const wanted = chart.$marks.rows * ROW + 6;
      if (chart.options.layout.padding.top !== wanted) {
        chart.options.layout.padding.top = wanted;
        chart.update("none");
      }
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const { marks } = chart.$marks;
      const top = chartArea.top - chart.$marks.rows * ROW - 4;
      const boxes = [];
      ctx.save();
      for (const mark of marks) {
        const rowTop = top + mark.row * ROW;
        ctx.strokeStyle = mark.today ? TODAY.colour : "#555";
        ctx.lineWidth = mark.today ? 2 : 1;
        ctx.setLineDash(mark.today ? [] : [5, 4]);
        ctx.beginPath();
        ctx.moveTo(mark.x, rowTop + 2);
        ctx.lineTo(mark.x, chartArea.bottom);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.textBaseline = "middle";
      for (const mark of marks) {
        const rowTop = top + mark.row * ROW;
        // A white box under the text hides any line that passes behind it.
        ctx.fillStyle = "#fff";
        ctx.fillRect(mark.left - 2, rowTop, mark.width + 4, ROW);
        ctx.font = mark.style.font;
        ctx.fillStyle = mark.style.colour;
        ctx.fillText(mark.text, mark.left, rowTop + ROW / 2);
        boxes.push({ text: mark.text, left: mark.left, right: mark.left + mark.width,
                     top: rowTop, bottom: rowTop + ROW });
      }
      ctx.restore();
      chart.$labelBoxes = boxes; // read by the browser tests
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
      layout: { padding: { top: 8, right: 4 } },
      scales: {
        // Level week labels, as many as fit (the tooltip and the table name every week).
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        y: { stacked: true, title: { display: true, text: "minutes per week" } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: { mode: "index", intersect: false },
      },
    },
    plugins: [markLines],
  });
});
