// The browsing pages (issue 17): search as you type, and the charts (Chart.js, vendored).
// A plain file, no build step; the data come from the server, in JSON blocks or from /search.
(function () {
  "use strict";
  const root = document.body.dataset.root || "";

  // --- search as you type: every form.kg-search asks /search while the user types ---------
  function setUpSearch(form) {
    const input = form.querySelector("input[name=q]");
    const list = form.querySelector(".kg-search-results");
    let asked = 0;
    let timer = null;

    function show(items, text) {
      list.replaceChildren();
      if (!text) { list.hidden = true; return; }
      if (!items.length) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = "nothing matches \u201c" + text + "\u201d";
        list.append(li);
      }
      for (const item of items) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.href;
        a.textContent = item.label;
        const type = document.createElement("span");
        type.className = "kg-type";
        type.textContent = item.type;
        li.append(a, type);
        if (item.matched && item.matched !== item.label) {
          const form = document.createElement("span");
          form.className = "kg-form";
          form.textContent = "\u201c" + item.matched + "\u201d";
          li.append(form);
        }
        const n = document.createElement("span");
        n.className = "n";
        n.textContent = item.papers + (item.papers === 1 ? " paper" : " papers");
        li.append(n);
        list.append(li);
      }
      list.hidden = false;
      list.dataset.query = text;  // tests wait on this: the list shows the answer to `text`
    }

    async function ask() {
      const text = input.value.trim();
      const ticket = ++asked;
      if (!text) { show([], ""); return; }
      const response = await fetch(root + "/search?limit=8&q=" + encodeURIComponent(text),
                                   { headers: { Accept: "application/json" } });
      if (ticket !== asked) return;  // a newer keystroke already asked again
      show(response.ok ? await response.json() : [], text);
    }

    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, 120); });
    input.addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll("a")];
      if (event.key === "Enter" && links.length && !list.hidden) {
        event.preventDefault();
        const active = list.querySelector("li.active a") || links[0];
        window.location.href = active.href;
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const items = [...list.querySelectorAll("li")];
        let at = items.findIndex((li) => li.classList.contains("active"));
        items.forEach((li) => li.classList.remove("active"));
        at = event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
        if (items[at]) items[at].classList.add("active");
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    document.addEventListener("click", (event) => { if (!form.contains(event.target)) list.hidden = true; });
  }
  document.querySelectorAll("form.kg-search").forEach(setUpSearch);

  // --- charts: <canvas data-chart="ID"> drawn from <script type="application/json" id="ID"> --
  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    const spec = JSON.parse(source.textContent);
    const models = spec.models || [];
    canvas.chart = new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: [{ label: spec.label, data: spec.values, backgroundColor: "#4f7cb3", borderColor: "#14365d",
                     stepped: spec.type === "line" ? "before" : false, pointRadius: 4 }],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { afterLabel: (item) => models[item.dataIndex] || "" } },
        },
        scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } },
                  y: { beginAtZero: spec.type === "bar", ticks: spec.type === "bar" ? { precision: 0 } : {} } },
      },
    });
    canvas.dataset.drawn = "true";
  }
  document.querySelectorAll("canvas[data-chart]").forEach(draw);

  // only one evidence box open at a time
  document.addEventListener("toggle", (event) => {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.classList.contains("kg-ev")) return;
    document.querySelectorAll("details.kg-ev[open]").forEach((d) => { if (d !== opened) d.open = false; });
  }, true);
})();
