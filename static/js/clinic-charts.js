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
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, title: { display: true, text: "minutes delivered" } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
});
