// Report page: while a report (the PDF or the slide deck) is being made, poll its status and reload once it
// is ready or failed. Without JavaScript a <noscript> meta refresh does the same.
document.addEventListener("DOMContentLoaded", function () {
  var boxes = document.querySelectorAll("[data-report-status]");
  Array.prototype.forEach.call(boxes, function (box) {
    var status = box.getAttribute("data-status");
    if (status !== "pending" && status !== "running") return;
    var url = box.getAttribute("data-status-url");
    var delay = Math.max(1, parseInt(box.getAttribute("data-poll-seconds"), 10) || 3) * 1000;
    var failures = 0;

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          if (data.status === "pending" || data.status === "running") {
            window.setTimeout(poll, delay);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          // A hiccup (network, restart): keep trying, more slowly.
          failures += 1;
          window.setTimeout(poll, delay * Math.min(10, failures + 1));
        });
    }
    window.setTimeout(poll, Math.min(delay, 1500));
  });
});
