// cxmaturity's partial plotly.js bundle: only the trace types the app draws.
// Rebuild with `make plotly-bundle` (needs the npm registry once); see README.md in this folder.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/scatterpolar"), // the radar
  require("plotly.js/lib/bar"), // distributions, customer grades
  require("plotly.js/lib/heatmap"), // teams x factors
  require("plotly.js/lib/scatter"), // trends over rounds (lines and markers)
  require("plotly.js/lib/locales/nl"),
]);

module.exports = Plotly;
