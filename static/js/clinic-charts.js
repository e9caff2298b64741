// The clinic overview: minutes delivered per discipline, stacked per week (json_script).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("clinic-weekly");
  const canvas = document.querySelector("[data-clinic-chart]");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.disciplines.map((d) => ({
        label: d.label,
        data: d.minutes,
        backgroundColor: d.colour,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      layout: { padding: { right: 4 } },
      scales: {
        // Level week labels, as many as fit on a phone (the table names every week).
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        y: { stacked: true, title: { display: true, text: "minutes delivered" } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
});
