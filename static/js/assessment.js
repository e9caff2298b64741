// Adds up the item scores of Barthel and Berg forms as they are chosen. The server
// computes the total again from the items; this is only what the clinician sees live.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-item-form]").forEach((form) => {
    const total = form.querySelector("[data-item-total]");
    if (!total) return;
    const items = form.querySelectorAll("[data-item-score]");
    const render = () => {
      let sum = 0;
      let answered = 0;
      items.forEach((select) => {
        if (select.value !== "") {
          sum += parseInt(select.value, 10);
          answered += 1;
        }
      });
      total.textContent = answered === items.length ? String(sum) : `${sum} (${answered} of ${items.length} items)`;
    };
    form.addEventListener("change", render);
    render();
  });
});
