// The idle timeout, seen from the page: warn before the session expires, with
// "Stay signed in"; when it has expired, reload the page, which the server answers with
// the login page ("Your session expired") and this page as `next`.
//
// <body> carries data-session-seconds (the idle timeout, SESSION_COOKIE_AGE) and
// data-session-warning-seconds (how early to warn); every request to the server restarts
// the timeout, so an htmx request (an autosave too) restarts the countdown. Nothing is
// kept in the browser's storage.
(() => {
  const body = document.body;
  const total = Number(body.dataset.sessionSeconds);
  if (!total) {
    return; // nobody signed in
  }
  const warnBefore = Number(body.dataset.sessionWarningSeconds) || 60;
  const banner = document.getElementById("session-warning");
  const left = document.getElementById("session-seconds-left");
  const stay = document.getElementById("session-stay");
  let expiresAt = 0;
  let ticker = null;

  function hide() {
    banner.hidden = true;
  }

  function restart(seconds) {
    expiresAt = Date.now() + seconds * 1000;
    hide();
  }

  function tick() {
    const remaining = Math.ceil((expiresAt - Date.now()) / 1000);
    if (remaining <= 0) {
      clearInterval(ticker);
      // A GET of this page: the server sends the login page, then brings the user back.
      window.location.assign(window.location.href);
      return;
    }
    if (remaining <= warnBefore) {
      left.textContent = String(remaining);
      if (banner.hidden) {
        banner.hidden = false;
        stay.focus();
      }
    }
  }

  stay.addEventListener("click", async () => {
    const response = await fetch(body.dataset.sessionKeepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.dataset.csrfToken, "HX-Request": "true" },
    });
    if (response.ok) {
      restart((await response.json()).expires_in);
    } else {
      // Expired already: the login page, and back here afterwards.
      window.location.assign(response.headers.get("HX-Redirect") || window.location.href);
    }
  });
  document.addEventListener("htmx:afterRequest", () => restart(total));

  restart(total);
  ticker = setInterval(tick, 1000);
})();
