// The medkg query page: YASGUI on this server's /sparql, with the medkg prefixes filled in and
// the saved queries (queries/*.rq) offered as examples. Configured by the JSON block that the
// server renders into the page (no inline script, so a strict Content-Security-Policy holds).
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const endpoint = new URL(config.endpoint, window.location.href).toString();
  const Yasgui = window.Yasgui;

  Yasgui.Yasqe.defaults.value = config.defaultQuery;
  // The "property" and "class" autocompleters query an outside vocabulary service; keep to
  // the ones that work offline (the prefix list ships inside YASQE).
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasr.defaults.prefixes = config.prefixes;
  Yasgui.Yasr.defaults.pluginOrder = ["table", "chart", "response"];

  // Numbers as numbers (issue 17): the table shows "16"^^xsd:integer for every count; a
  // numeric literal that reads as a number is shown as that number, anything else as before.
  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"].map((t) => XSD + t);
  const table = Yasgui.Yasr.plugins.table;
  if (table && table.prototype.formatLiteral) {
    const formatLiteral = table.prototype.formatLiteral;
    table.prototype.formatLiteral = function (literal, prefixes) {
      if (literal.datatype && NUMERIC.includes(literal.datatype) && NUMBER.test(literal.value)) {
        return literal.value;  // digits, sign, dot and exponent only: nothing to escape
      }
      return formatLiteral.call(this, literal, prefixes);
    };
  }

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
    persistenceId: "medkg-yasgui",
    yasr: { prefixes: config.prefixes },
  });
  // Tabs restored from an earlier visit may point at another address of this server.
  for (const id of Object.keys(yasgui._tabs || {})) {
    const tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint && tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
  }
  window.kgYasgui = yasgui;

  // A first visit (the default query, no result yet) runs the query, so the first screen
  // shows a result, not an empty pane.
  const first = yasgui.getTab();
  if (first && first.getYasqe && first.getYasqe().getValue().trim() === config.defaultQuery.trim()
      && !(first.getYasr && first.getYasr().results)) {
    first.getYasqe().query().catch(() => undefined);
  }

  const examples = document.getElementById("kg-examples");
  const about = document.getElementById("kg-example-about");
  for (const query of config.queries) {
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = query.summary;
    examples.appendChild(option);
  }
  examples.addEventListener("change", () => {
    const query = config.queries.find((q) => q.name === examples.value);
    if (!query) return;
    const tab = yasgui.addTab(true, {
      ...Yasgui.Tab.getDefaults(),
      name: query.name,
      yasqe: { value: query.example || query.sparql },
      requestConfig: { ...yasgui.config.requestConfig, endpoint },
    });
    about.textContent = "";
    const text = document.createElement("span");
    text.textContent = query.description || query.summary;
    const api = document.createElement("a");
    api.href = query.api;
    api.textContent = "as an API: " + query.api;
    about.appendChild(text);
    about.appendChild(document.createTextNode(" · "));
    about.appendChild(api);
    if (query.params.length) {
      const note = document.createElement("span");
      note.textContent = " · parameters: " + query.params.map((p) => "?" + p.name + " (" + p.type
        + (p.default ? ", example " + p.default : "") + ")").join(", ")
        + " — bound in the VALUES line of the query; edit it to ask about something else.";
      about.appendChild(note);
    }
    examples.value = "";
    if (tab && tab.show) tab.show();
  });
})();
