// Manager pages: live progress counts and "copy link" buttons. The pages work without this script.
(function () {
  "use strict";

  function setCell(root, name, value) {
    var el = root.querySelector('[data-cell="' + name + '"]');
    if (el && value !== undefined) el.textContent = value;
  }

  function rateText(rate) {
    return rate === null || rate === undefined ? "\u2013" : rate + "%";
  }

  function updateRows(root, prefix, rows) {
    rows.forEach(function (row) {
      ["invited", "started", "completed", "responses_started", "responses_submitted", "link_submitted"].forEach(function (field) {
        setCell(root, prefix + "-" + row.key + "-" + field, String(row[field]));
      });
      setCell(root, prefix + "-" + row.key + "-rate", rateText(row.rate));
      var bar = root.querySelector('[data-bar="' + prefix + "-" + row.key + '"]');
      if (bar) {
        bar.style.width = (row.rate || 0) + "%";
        bar.parentNode.classList.toggle("d-md-flex", row.rate !== null && row.rate !== undefined);
      }
    });
  }

  function startLiveProgress(root) {
    var url = root.getAttribute("data-progress-url");
    var seconds = parseInt(root.getAttribute("data-live"), 10);
    var label = root.querySelector("[data-live-label]");
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    if (!url || !seconds) return;

    function refresh() {
      if (document.hidden) return;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          ["invited", "started", "completed", "responses_submitted"].forEach(function (field) {
            setCell(root, "total-" + field, format.format(data.totals[field]));
          });
          setCell(root, "total-rate", rateText(data.totals.rate));
          updateRows(root, "team", data.teams);
          updateRows(root, "role", data.roles);
          if (label) {
            label.textContent = label.getAttribute("data-live-label") + " " + new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" });
            root.classList.add("is-live");
          }
        })
        .catch(function () {
          root.classList.remove("is-live");
        });
    }

    refresh();
    window.setInterval(refresh, seconds * 1000);
  }

  function enableCopyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.getAttribute("data-copy-target"));
        if (!input) return;
        navigator.clipboard.writeText(input.value).then(function () {
          var span = button.querySelector("span");
          if (span) span.textContent = button.getAttribute("data-copied-label");
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var progress = document.getElementById("progress");
    if (progress) startLiveProgress(progress);
    enableCopyButtons();
    var errors = document.getElementById("import-errors");
    if (errors) errors.focus();
  });
})();
