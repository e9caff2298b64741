// Colours each mix segment from its data-colour (no inline styles from the server beyond
// widths), and recomputes the planned mix live as sessions and minutes are typed.
function paintSegments(root) {
  root.querySelectorAll(".mix-segment[data-colour]").forEach((el) => {
    el.style.backgroundColor = el.dataset.colour;
  });
}

function liveMix(form) {
  const bar = document.querySelector("[data-live-mix]");
  if (!bar) return;
  const rows = {};
  form.querySelectorAll("[data-mix-sessions]").forEach((input) => {
    const code = input.dataset.mixSessions;
    const minutes = form.querySelector(`[data-mix-minutes="${code}"]`);
    rows[code] = { sessions: input, minutes: minutes };
  });
  const render = () => {
    let total = 0;
    const weekly = {};
    for (const [code, row] of Object.entries(rows)) {
      const value = (parseInt(row.sessions.value, 10) || 0) * (parseInt(row.minutes.value, 10) || 0);
      weekly[code] = value > 0 ? value : 0;
      total += weekly[code];
    }
    bar.querySelectorAll("[data-discipline]").forEach((segment) => {
      const code = segment.dataset.discipline;
      const share = total ? weekly[code] / total : 0;
      segment.style.width = `${(share * 100).toFixed(1)}%`;
      segment.hidden = share === 0;
      segment.querySelector(".progress-bar").textContent =
        `${segment.dataset.label} ${Math.round(share * 100)}%`;
    });
    const totalLabel = document.querySelector("[data-live-total]");
    if (totalLabel) totalLabel.textContent = `${total} minutes a week`;
  };
  form.addEventListener("input", render);
  render();
}

document.addEventListener("DOMContentLoaded", () => {
  paintSegments(document);
  document.querySelectorAll("form[data-mix-form]").forEach(liveMix);
});
document.addEventListener("htmx:afterSwap", (event) => paintSegments(event.target));
