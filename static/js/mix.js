// Colours each mix segment and legend swatch from its data-colour (no inline styles from
// the server beyond widths), fits each segment's label to its width, and recomputes the
// planned mix live as sessions and minutes are typed.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function textOn(hex) {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return "";
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#fff" : "#000";
}

function paintSegments(root) {
  root.querySelectorAll(".mix-segment[data-colour]").forEach((el) => {
    el.style.backgroundColor = el.dataset.colour;
    // Black or white, whichever contrasts more with the segment (WCAG 1.4.3, 4.5:1):
    // white on the Okabe-Ito orange or sky blue is only 2.3:1.
    el.style.color = textOn(el.dataset.colour);
    el.style.textShadow = "none";
  });
  root.querySelectorAll(".mix-swatch[data-colour]").forEach((el) => {
    el.style.backgroundColor = el.dataset.colour;
  });
}

// A label wider than its segment was cut mid-word ("Speec", "Physio 1"): each label
// shows its full text if it fits, else the percentage alone, else nothing (the legend
// under the bar and the segment's tooltip still name it).
function fitLabel(label) {
  const segment = label.parentElement;
  const room = segment.clientWidth;
  const choices = [label.dataset.full, label.dataset.short, ""].filter((t) => t !== undefined);
  for (const text of choices) {
    label.textContent = text;
    if (label.getBoundingClientRect().width <= room) break;
  }
}

function fitLabels(root) {
  root.querySelectorAll(".mix-bar .mix-label[data-full]").forEach(fitLabel);
}

// Widths change with the window (and a table's column), so the fit is redone on resize.
const refit = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const entry of entries) fitLabels(entry.target);
});

function watchBars(root) {
  fitLabels(root);
  if (refit) root.querySelectorAll(".mix-bar").forEach((bar) => refit.observe(bar));
}

function liveMix(form) {
  const bar = document.querySelector("[data-live-mix]");
  if (!bar) return;
  const legend = document.querySelector("[data-live-legend]");
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
      const percent = `${Math.round(share * 100)}%`;
      segment.style.width = `${(share * 100).toFixed(1)}%`;
      segment.hidden = share === 0;
      const label = segment.querySelector(".mix-label");
      label.dataset.full = `${segment.dataset.label} ${percent}`;
      label.dataset.short = percent;
      if (legend) {
        const item = legend.querySelector(`[data-discipline="${code}"]`);
        item.hidden = share === 0;
        item.querySelector("[data-percent]").textContent = percent;
      }
    });
    fitLabels(bar);
    const totalLabel = document.querySelector("[data-live-total]");
    if (totalLabel) totalLabel.textContent = `${total} minutes a week`;
  };
  form.addEventListener("input", render);
  render();
}

document.addEventListener("DOMContentLoaded", () => {
  paintSegments(document);
  document.querySelectorAll("form[data-mix-form]").forEach(liveMix);
  watchBars(document);
});
document.addEventListener("htmx:afterSwap", (event) => {
  paintSegments(event.target);
  watchBars(event.target);
});
