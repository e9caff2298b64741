// The note's autosave (#draft-status) and the form's own save must not cross: a draft
// saved while the form is being submitted moves the note's version under the form, and
// the save would then report a conflict with the user's own typing. So a save waits for
// the drafts in flight (each answer brings the new version), and no draft starts after it.
(() => {
  const status = document.getElementById("draft-status");
  const form = status && status.closest("form");
  if (!form) {
    return;
  }
  let draftsInFlight = 0;
  let saving = false;

  status.addEventListener("htmx:beforeRequest", (event) => {
    if (saving) {
      event.preventDefault();
    } else {
      draftsInFlight += 1;
    }
  });
  // htmx swaps the answer (the new version too) before this event, whatever the outcome.
  status.addEventListener("htmx:afterRequest", () => {
    draftsInFlight -= 1;
    if (saving && draftsInFlight === 0) {
      form.submit(); // fires no submit event: this is the held save, sent once
    }
  });
  form.addEventListener("submit", (event) => {
    saving = true;
    if (draftsInFlight > 0) {
      event.preventDefault();
    }
  });
})();
