// A YASR "Chart" plugin for the medkg query page, drawing SELECT results with Chart.js.
// @zazuko/yasr ships no chart plugin (the Triply one loads Google Charts from a CDN), so this
// small one is ours: pick a chart type, a label column and one or more numeric columns.
(function () {
  "use strict";
  const NUMERIC = new Set([
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
  ].map((t) => "http://www.w3.org/2001/XMLSchema#" + t));

  function isNumeric(binding) {
    if (!binding) return false;
    if (binding.datatype && NUMERIC.has(binding.datatype)) return true;
    return binding.type === "literal" && binding.value !== "" && !isNaN(Number(binding.value));
  }

  function shortLabel(binding, prefixes) {
    if (!binding) return "";
    if (binding.type === "uri") {
      for (const [prefix, iri] of Object.entries(prefixes || {})) {
        if (binding.value.startsWith(iri)) return prefix + ":" + binding.value.slice(iri.length);
      }
    }
    return binding.value;
  }

  class ChartPlugin {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 5;
      this.label = "Chart";
      this.chart = undefined;
      this.settings = { type: "bar", label: undefined, values: undefined, top: "25" };
    }

    columns() {
      const results = this.yasr.results;
      if (!results || !results.getVariables || !results.getBindings) return { vars: [], numeric: [] };
      const vars = results.getVariables() || [];
      const rows = results.getBindings() || [];
      const numeric = vars.filter((v) => rows.length > 0 && rows.every((r) => !r[v] || isNumeric(r[v]))
        && rows.some((r) => r[v]));
      return { vars, numeric, rows };
    }

    canHandleResults() {
      const { numeric } = this.columns();
      return numeric.length > 0;
    }

    getIcon() {
      const ns = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "14");
      svg.setAttribute("height", "14");
      svg.setAttribute("class", "kg-chart-icon");
      for (const [x, h] of [[1, 6], [6, 11], [11, 8]]) {
        const bar = document.createElementNS(ns, "rect");
        bar.setAttribute("x", String(x));
        bar.setAttribute("y", String(15 - h));
        bar.setAttribute("width", "4");
        bar.setAttribute("height", String(h));
        bar.setAttribute("fill", "currentColor");
        svg.appendChild(bar);
      }
      const icon = document.createElement("div");
      icon.appendChild(svg);
      return icon;
    }

    destroy() {
      if (this.chart) this.chart.destroy();
      this.chart = undefined;
    }

    draw() {
      this.destroy();
      const { vars, numeric, rows } = this.columns();
      const prefixes = typeof this.yasr.config.prefixes === "function"
        ? this.yasr.config.prefixes(this.yasr) : this.yasr.config.prefixes;
      const labelVars = vars.filter((v) => !numeric.includes(v));
      if (!this.settings.label || !vars.includes(this.settings.label)) {
        this.settings.label = labelVars.find((v) => /label|name|title/i.test(v)) || labelVars[0] || vars[0];
      }
      if (!this.settings.values || !this.settings.values.every((v) => numeric.includes(v))) {
        this.settings.values = [numeric.find((v) => v !== this.settings.label) || numeric[0]];
      }

      const root = document.createElement("div");
      root.className = "kg-chart";
      const controls = document.createElement("div");
      controls.className = "kg-chart-controls";
      const select = (name, options, selected, multiple) => {
        const wrap = document.createElement("label");
        wrap.textContent = name + " ";
        const el = document.createElement("select");
        el.multiple = !!multiple;
        el.name = name;
        for (const option of options) {
          const o = document.createElement("option");
          o.value = option;
          o.textContent = option;
          o.selected = multiple ? selected.includes(option) : option === selected;
          el.appendChild(o);
        }
        wrap.appendChild(el);
        controls.appendChild(wrap);
        return el;
      };
      const typeEl = select("chart", ["bar", "horizontal bar", "line", "pie", "doughnut", "scatter"], this.settings.type);
      const labelEl = select("labels", vars, this.settings.label);
      const valuesEl = select("values", numeric, this.settings.values, true);
      const topEl = select("show", ["10", "25", "50", "all"], this.settings.top);
      const redraw = () => {
        this.settings.type = typeEl.value;
        this.settings.label = labelEl.value;
        this.settings.top = topEl.value;
        this.settings.values = Array.from(valuesEl.selectedOptions).map((o) => o.value);
        if (this.settings.values.length === 0) this.settings.values = [numeric[0]];
        this.draw();
      };
      for (const el of [typeEl, labelEl, valuesEl, topEl]) el.addEventListener("change", redraw);

      const canvasBox = document.createElement("div");
      canvasBox.className = "kg-chart-canvas";
      const canvas = document.createElement("canvas");
      canvasBox.appendChild(canvas);
      root.appendChild(controls);
      root.appendChild(canvasBox);
      this.yasr.resultsEl.appendChild(root);

      // Readable charts (issue 17): hundreds of bars overlap, so bar and pie charts show the
      // top N rows by the first value column, largest first; line and scatter charts keep
      // the query's order (a time axis) and draw at most 500 points.
      const type = this.settings.type;
      const key = this.settings.values[0];
      const ranked = type === "line" || type === "scatter" ? rows.slice(0, 500)
        : rows.slice().sort((a, b) => Number(b[key] ? b[key].value : -Infinity) - Number(a[key] ? a[key].value : -Infinity));
      const limit = this.settings.top === "all" || type === "line" || type === "scatter" ? 500 : Number(this.settings.top);
      const shown = ranked.slice(0, limit);
      if (rows.length > shown.length) {
        const note = document.createElement("span");
        note.className = "kg-chart-note";
        note.textContent = "top " + shown.length + " of " + rows.length + " rows by " + key;
        controls.appendChild(note);
      }
      const labels = shown.map((r) => shortLabel(r[this.settings.label], prefixes));
      const datasets = this.settings.values.map((v) => ({
        label: v,
        data: type === "scatter"
          ? shown.map((r) => ({ x: Number(r[this.settings.label] && r[this.settings.label].value), y: Number(r[v] && r[v].value) }))
          : shown.map((r) => (r[v] ? Number(r[v].value) : null)),
      }));
      this.chart = new window.Chart(canvas, {
        type: type === "horizontal bar" ? "bar" : type,
        data: { labels, datasets },
        options: {
          indexAxis: type === "horizontal bar" ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: datasets.length > 1 || type === "pie" || type === "doughnut" } },
        },
      });
    }

    download() {
      if (!this.chart) return undefined;
      const chart = this.chart;
      return {
        contentType: "image/png",
        title: "Download the chart as PNG",
        filename: "chart.png",
        getData: () => chart.toBase64Image(),
      };
    }
  }

  window.Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
})();
