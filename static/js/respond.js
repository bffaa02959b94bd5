// Background saving for the questionnaire. The page works without this script (Next/Back post the
// form); with it, every answer is also saved a moment after it is given.
//
// Each save carries the response version the page last saw. A stale tab (another window saved in
// between) gets 409 with the newest answers: fields this tab did not touch take the server's values,
// fields it did change are kept and saved again. Network errors and 5xx are retried with backoff.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  var form = document.getElementById("respond-form");
  if (!form || !window.fetch) return;

  var statusEl = document.getElementById("save-status");
  var versionInput = form.querySelector("input[name=version]");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var saveUrl = form.dataset.saveUrl;
  var step = parseInt(form.dataset.step, 10);

  var dirty = new Set();
  var timer = null;
  var inFlight = null; // the running save's promise
  var retryDelay = 0;
  var stopped = false; // after submit or close: nothing more to save
  var leaving = false; // a form is being submitted: no more background saves, no leave warning
  var merged = false; // this tab took over newer answers from another window

  function say(message, problem, state) {
    statusEl.textContent = message;
    statusEl.dataset.state = state || ""; // a language-neutral hook for tests and styling
    statusEl.classList.toggle("is-problem", !!problem);
  }

  function fields() {
    var result = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      result[input.name] = input.value;
    });
    var comment = form.querySelector("textarea[name=comment]");
    if (comment) result.comment = comment.value;
    return result;
  }

  function applyServerState(state) {
    Object.keys(state.fields || {}).forEach(function (name) {
      if (dirty.has(name)) return;
      var value = state.fields[name];
      form.querySelectorAll('input[type=radio][name="' + name + '"]').forEach(function (input) {
        input.checked = input.value === value;
      });
    });
    var comment = form.querySelector("textarea[name=comment]");
    if (comment && !dirty.has("comment") && typeof state.comment === "string") comment.value = state.comment;
  }

  function schedule(delay) {
    if (stopped) return;
    // Say "saving" from the first change on, so "saved" is only ever shown when it is true.
    if (dirty.size && !retryDelay && !merged) say(form.dataset.msgSaving, false);
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function save() {
    timer = null;
    if (stopped || leaving) return Promise.resolve();
    if (inFlight) return inFlight.then(function () { if (dirty.size) return save(); });
    if (!dirty.size) return Promise.resolve();
    var sent = dirty;
    dirty = new Set();
    say(form.dataset.msgSaving, false);
    inFlight = fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ step: step, version: parseInt(versionInput.value, 10), fields: fields() })
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, data: data };
        });
      })
      .then(function (result) {
        var data = result.data;
        if (result.status === 200 && data.ok) {
          versionInput.value = data.version;
          retryDelay = 0;
          if (dirty.size) return; // more changes are waiting; the next save reports
          say(merged ? form.dataset.msgConflict + " " + form.dataset.msgSaved : form.dataset.msgSaved, merged, "saved");
          merged = false;
          return;
        }
        sent.forEach(function (name) { dirty.add(name); });
        if (result.status === 409 && data.conflict) {
          versionInput.value = data.version;
          applyServerState(data);
          merged = true;
          say(form.dataset.msgConflict, true);
          return;
        }
        if (result.status === 409 || result.status === 410 || result.status === 404) {
          stopped = true;
          say(data.message || form.dataset.msgError, true);
          if (data.redirect) setTimeout(function () { window.location.assign(data.redirect); }, 2500);
          return;
        }
        if (result.status === 400 || result.status === 413) {
          // The server refused these values; the form post will show exactly why.
          dirty = new Set();
          say(data.message || form.dataset.msgError, true);
          return;
        }
        throw new Error("status " + result.status);
      })
      .catch(function () {
        sent.forEach(function (name) { dirty.add(name); });
        retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, 30000);
        say(navigator.onLine === false ? form.dataset.msgOffline : form.dataset.msgError, true);
        schedule(retryDelay);
      })
      .then(function () {
        inFlight = null;
        if (dirty.size && !timer && !stopped) schedule(retryDelay || 300);
      });
    return inFlight;
  }

  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") return;
    dirty.add(event.target.name);
    schedule(400);
  });
  form.addEventListener("input", function (event) {
    if (event.target.name !== "comment") return;
    dirty.add("comment");
    schedule(1200);
  });

  // Leaves the page through another form once saving is settled. The questionnaire form posts its
  // own answers, so it only waits for a running save (to carry the newest version); the language
  // form first saves what was just answered.
  function leaveWith(targetForm, submitter, flush) {
    clearTimeout(timer);
    var go = function () {
      leaving = true;
      if (submitter && submitter.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        targetForm.appendChild(hidden);
      }
      targetForm.submit();
    };
    var pending = flush ? save() : inFlight || Promise.resolve();
    pending.then(go, go);
  }

  form.addEventListener("submit", function (event) {
    if (leaving) return;
    event.preventDefault();
    leaveWith(form, event.submitter, false);
  });
  document.querySelectorAll("form.respond-language").forEach(function (languageForm) {
    languageForm.addEventListener("submit", function (event) {
      if (leaving) return;
      event.preventDefault();
      leaveWith(languageForm, event.submitter, true);
    });
  });

  window.addEventListener("online", function () { if (dirty.size) schedule(0); });
  // A page restored from the back/forward cache may be out of date: load it fresh.
  window.addEventListener("pageshow", function (event) { if (event.persisted) window.location.reload(); });
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && !stopped && (dirty.size || inFlight)) {
      save();
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// The review page's own sections (the estimate about our customers) sit inside the send form, so
// "Send my answers" carries them; this also saves them as they change, like every other answer.
(function () {
  "use strict";
  var sendForm = document.getElementById("respond-send-form");
  if (!sendForm || !window.fetch || !window.FormData) return;
  var csrf = sendForm.querySelector("input[name=csrfmiddlewaretoken]").value;

  sendForm.querySelectorAll("[data-autosave-url]").forEach(function (section) {
    var statusEl = section.querySelector("[role=status]");
    var timer = null;

    function say(message, state) {
      if (!statusEl) return;
      statusEl.textContent = message;
      statusEl.dataset.state = state;
      statusEl.classList.toggle("text-success", state === "saved");
      statusEl.classList.toggle("text-muted", state !== "saved");
    }

    function save() {
      timer = null;
      var body = new FormData();
      section.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (field) {
        body.append(field.name, field.value);
      });
      fetch(section.dataset.autosaveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf },
        body: body
      })
        .then(function (response) {
          if (timer) return; // typed again meanwhile: the next save reports
          say(response.ok ? statusEl.dataset.msgSaved : statusEl.dataset.msgError, response.ok ? "saved" : "unsaved");
        })
        .catch(function () { if (!timer) say(statusEl.dataset.msgError, "unsaved"); });
    }

    function schedule(delay) {
      if (statusEl) { statusEl.textContent = ""; statusEl.dataset.state = "dirty"; }
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    }

    section.addEventListener("change", function () { schedule(300); });
    section.addEventListener("input", function () { schedule(1000); });
  });
})();
