// Adds up the item scores of item-scored forms (Barthel, Berg, NIHSS, FMA-UE, ARAT, PHQ-9,
// SCIM III) as they are chosen; an NIHSS "UN" (data-untestable) adds 0. Each item is a
// group of radio buttons (one per published score) marked data-item-score="<item>". The
// server computes the total again from the items; this is only what the clinician sees live.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-item-form]").forEach((form) => {
    const total = form.querySelector("[data-item-total]");
    if (!total) return;
    const keys = [...new Set([...form.querySelectorAll("[data-item-score]")].map((input) => input.dataset.itemScore))];
    const render = () => {
      let sum = 0;
      let answered = 0;
      keys.forEach((key) => {
        const chosen = form.querySelector(`[data-item-score="${key}"]:checked`);
        if (chosen) {
          if (chosen.value !== chosen.dataset.untestable) sum += parseInt(chosen.value, 10);
          answered += 1;
        }
      });
      total.textContent = answered === keys.length ? String(sum) : `${sum} (${answered} of ${keys.length} items)`;
    };
    form.addEventListener("change", render);
    render();
  });
});
