// A form marked data-confirm="what becomes final" asks first, in a Bootstrap modal
// (#confirm-modal in base.html). Without this script the form simply posts: the server
// side is the same either way.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) {
    return;
  }
  if (form.dataset.confirmed === "yes") {
    delete form.dataset.confirmed; // asked once for this submission
    return;
  }
  const element = document.getElementById("confirm-modal");
  if (!element || !window.bootstrap) {
    return;
  }
  event.preventDefault();
  const submitter = event.submitter;
  element.querySelector("#confirm-title").textContent = form.dataset.confirmTitle || "Are you sure?";
  element.querySelector("#confirm-body").textContent = form.dataset.confirm;
  const accept = element.querySelector("#confirm-accept");
  accept.textContent = form.dataset.confirmAccept || "Confirm";
  const modal = window.bootstrap.Modal.getOrCreateInstance(element);
  accept.onclick = () => {
    accept.onclick = null;
    form.dataset.confirmed = "yes";
    modal.hide();
    form.requestSubmit(submitter || undefined);
  };
  element.addEventListener("hidden.bs.modal", () => { accept.onclick = null; }, { once: true });
  modal.show();
});
