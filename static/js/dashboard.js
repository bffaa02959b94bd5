// Results dashboard: draws the radar and heatmap from the figures the server built
// (json_script), and adds or removes overlay traces when a toggle changes.
// The heatmap sits below the fold on a laptop and is hidden on phones (they get its table), so it is
// drawn only when it comes near the viewport: the first visit draws just the radar, which is what the
// user sees (issue 17: plotly.js's start-up and the drawing are the first visit's cost).
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  var narrow = false;

  // Phones: re-wrap factor labels short (splitting very long words) so they fit beside the radar.
  function wrapLabel(text) {
    var words = text.replace(/<br>/g, " ").split(" ");
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      while (word.length > 15) {
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, 11) + "-");
        word = word.slice(11);
      }
      if (line && (line + " " + word).length > 13) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  function fitTrace(trace) {
    if (narrow && trace.theta) trace.theta = trace.theta.map(wrapLabel);
    return trace;
  }

  function draw(el, data) {
    var fig = data.figure;
    var layout = fig.layout || {};
    var traces = fig.data || [];
    if (layout.polar && el.clientWidth < 520) {
      narrow = true;
      layout.margin = { l: 62, r: 62, t: 30, b: 20 };
      layout.polar.angularaxis = Object.assign({}, layout.polar.angularaxis, { tickfont: { size: 9 } });
      traces = traces.map(fitTrace);
    }
    return window.Plotly.newPlot(el, traces, layout, data.config || {});
  }

  function overlayIndices(el, name) {
    var indices = [];
    (el.data || []).forEach(function (trace, i) {
      if (trace.meta && trace.meta.overlay === name) indices.push(i);
    });
    return indices;
  }

  function setupRadar() {
    var el = document.getElementById("radar-chart");
    var data = readJson("radar-data");
    if (!el || !data || !window.Plotly) return;
    draw(el, data).then(function () {
      el.setAttribute("data-ready", "true");
    });
    document.querySelectorAll(".js-overlay").forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        var name = toggle.value;
        var existing = overlayIndices(el, name);
        if (toggle.checked && existing.length === 0) {
          var traces = copy(data.overlays[name] || []).map(fitTrace);
          if (traces.length) window.Plotly.addTraces(el, traces);
        } else if (!toggle.checked && existing.length) {
          window.Plotly.deleteTraces(el, existing);
        }
        el.setAttribute("data-traces", String(el.data.length));
      });
    });
  }

  // Calls drawNow once, when el comes within a screen's margin of the viewport (never while it is
  // hidden with display: none), or before printing.
  function whenNearViewport(el, drawNow) {
    var done = false;
    var observer = null;
    function once() {
      if (done) return;
      done = true;
      if (observer) observer.disconnect();
      window.removeEventListener("beforeprint", once);
      drawNow();
    }
    window.addEventListener("beforeprint", once);
    if (!("IntersectionObserver" in window)) { once(); return; }
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) once();
    }, { rootMargin: "200px 0px" });
    observer.observe(el);
  }

  function setupHeatmap() {
    var el = document.getElementById("heatmap-chart");
    var data = readJson("heatmap-data");
    if (!el || !data || !window.Plotly) return;
    var height = (data.figure.layout || {}).height;
    if (height) el.style.minHeight = height + "px";  // keeps the page from shifting when it is drawn
    whenNearViewport(el, function () {
      draw(el, data).then(function () {
        el.setAttribute("data-ready", "true");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupRadar();
    setupHeatmap();
  });
})();
