// Results dashboard: draws the radar and heatmap from the figures the server built
// (json_script), and adds or removes overlay traces when a toggle changes.
// The heatmap sits below the fold on a laptop and is hidden on phones (they get its table), so it is
// drawn only when it comes near the viewport: the first visit draws just the radar, which is what the
// user sees (issue 17: plotly.js's start-up and the drawing are the first visit's cost). Printing
// draws it too (beforeprint), and both charts are laid out at the paper's width while printing.
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

  // Phones: re-wrap factor labels short so they fit beside the radar. A long word breaks first where the
  // name already allows it (after a bracket, hyphen or slash: "Klant(besturings)" "thema's"); only a
  // word longer than 18 letters is split with a hyphen. fitLabels then makes room for what is left.
  function pieces(word) {
    if (word.length <= 14) return [word];
    var parts = word.split(/(?<=[)\-\/])(?=\w)/);
    var out = [];
    parts.forEach(function (part) {
      while (part.length > 18) {
        out.push(part.slice(0, 12) + "-");
        part = part.slice(12);
      }
      out.push(part);
    });
    return out;
  }

  function wrapLabel(text) {
    var words = [];
    text.replace(/<br>/g, " ").split(" ").forEach(function (word) { words = words.concat(pieces(word)); });
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      var joined = /[)\-\/]$/.test(line) ? line + word : line + " " + word;
      if (line && joined.length > 13) { lines.push(line); line = word; }
      else { line = line ? joined : word; }
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
      layout.margin = { l: 30, r: 30, t: 36, b: 20 };
      layout.polar.angularaxis = Object.assign({}, layout.polar.angularaxis, { tickfont: { size: 10 } });
      traces = traces.map(fitTrace);
    }
    return window.Plotly.newPlot(el, traces, layout, data.config || {}).then(function () {
      if (printing) return toPrint(el);
      return layout.polar ? fitLabels(el, 3) : null;
    });
  }

  // Plotly keeps no room for a radar's labels: widen each side margin until no label sticks out of the
  // chart (each side by what it needs, so a phone's radar is as large as the labels allow).
  function fitLabels(el, tries) {
    var chart = el.getBoundingClientRect();
    var left = 0;
    var right = 0;
    el.querySelectorAll(".angularaxistick text").forEach(function (label) {
      var box = label.getBoundingClientRect();
      left = Math.max(left, chart.left - box.left);
      right = Math.max(right, box.right - chart.right);
    });
    if ((left <= 0 && right <= 0) || !tries) return Promise.resolve();
    var margin = el.layout.margin || {};
    var update = {};
    if (left > 0) update["margin.l"] = (margin.l || 0) + Math.ceil(left) + 4;
    if (right > 0) update["margin.r"] = (margin.r || 0) + Math.ceil(right) + 4;
    return window.Plotly.relayout(el, update).then(function () { return fitLabels(el, tries - 1); });
  }

  // Printing: the charts take the paper's width (about 180 mm at 96 px per inch), then go back; the
  // heatmap's wrapped factor names get a smaller font so neighbours cannot touch.
  var PRINT_WIDTH = 680;
  var printing = false;
  function drawnCharts() {
    return Array.prototype.filter.call(document.querySelectorAll(".chart"), function (el) {
      return el.getAttribute("data-ready") === "true" && el.layout;
    });
  }
  function toPrint(el) {
    var update = { width: PRINT_WIDTH };
    if (!el.layout.polar) update["xaxis.tickfont.size"] = 9;
    return window.Plotly.relayout(el, update);
  }
  function toScreen(el) {
    var update = { width: null, autosize: true };
    if (!el.layout.polar) update["xaxis.tickfont.size"] = 11;
    return window.Plotly.relayout(el, update);
  }
  // Folded text (what to do next, the comments) is printed unfolded, then folded again as it was.
  function unfoldForPrint() {
    document.querySelectorAll(".results details:not(.chart-table):not([open])").forEach(function (el) {
      el.setAttribute("data-print-opened", "true");
      el.open = true;
    });
  }
  function foldAfterPrint() {
    document.querySelectorAll("details[data-print-opened]").forEach(function (el) {
      el.removeAttribute("data-print-opened");
      el.open = false;
    });
  }
  window.addEventListener("beforeprint", function () {
    printing = true;
    document.documentElement.classList.add("is-printing");
    unfoldForPrint();
    drawnCharts().forEach(toPrint);
  });
  window.addEventListener("afterprint", function () {
    printing = false;
    document.documentElement.classList.remove("is-printing");
    foldAfterPrint();
    drawnCharts().forEach(toScreen);
  });

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
    // A phone turned sideways and back: plotly resizes the chart, the labels may need room again.
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { if (el.layout && !printing) fitLabels(el, 3); }, 300);
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
