// Build step of the medkg query page (issue 4): copy the browser bundles of YASGUI,
// Chart.js and Swagger UI from node_modules into the Python package (kg/api/static/vendor/), so that
// `kg serve` never loads anything from a CDN. The page's own scripts are plain files in
// kg/api/static/page/ and need no build.
//
//   cd web && npm ci && npm run build
//
// Source-map comments are stripped: the maps are not shipped, and a browser would ask for them.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "kg", "api", "static");
const vendor = join(out, "vendor");
mkdirSync(vendor, { recursive: true });

const stripMap = (text) => text.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n]*\s*$/u, "\n");

const bundles = [
  ["@zazuko/yasgui/build/yasgui.min.js", "yasgui.min.js"],
  ["@zazuko/yasgui/build/yasgui.min.css", "yasgui.min.css"],
  ["chart.js/dist/chart.umd.min.js", "chart.umd.min.js"],
  // Swagger UI for /docs (issue 17): FastAPI's default page loads it from a CDN
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
];
const versions = {};
for (const [source, target] of bundles) {
  const path = join(here, "node_modules", source);
  writeFileSync(join(vendor, target), stripMap(readFileSync(path, "utf8")));
  const pkg = source.startsWith("@") ? source.split("/").slice(0, 2).join("/") : source.split("/")[0];
  versions[pkg] = JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
copyFileSync(join(here, "node_modules", "swagger-ui-dist", "favicon-32x32.png"), join(vendor, "swagger-favicon.png"));
for (const license of [["@zazuko/yasgui", "LICENSE"], ["chart.js", "LICENSE.md"], ["swagger-ui-dist", "LICENSE"]]) {
  try {
    copyFileSync(join(here, "node_modules", ...license), join(vendor, `${license[0].replace("/", "-")}.LICENSE`));
  } catch { /* a package without a licence file: nothing to copy */ }
}
writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");

console.log(`built ${out}: ${JSON.stringify(versions)}`);
