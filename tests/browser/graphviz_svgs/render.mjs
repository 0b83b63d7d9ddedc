// Regenerate the SVGs here: graph.dot (one of our graphs: HTML-like labels, ids, classes,
// tooltips, a folded run, a detach cut) drawn by each Graphviz release that @viz-js/viz
// packaged, as each writes its SVG.
//
//   for v in 3.0.0 3.2.0 3.4.0 3.7.0 3.11.0 3.14.0 3.17.0 3.21.0 3.25.0 3.31.0; do
//     mkdir -p /tmp/viz-$v && (cd /tmp/viz-$v && npm pack -q @viz-js/viz@$v && tar xzf *.tgz)
//   done
//   node render.mjs /tmp/viz-*/package          # and: dot -Tsvg graph.dot > graphviz-2.43.0.svg
import fs from "fs";
import { createRequire } from "module";
import path from "path";

const dot = fs.readFileSync(new URL("graph.dot", import.meta.url), "utf8");
for (const folder of process.argv.slice(2)) {
  const esm = ["dist/viz.js", "lib/viz-standalone.mjs"].map((f) => path.resolve(folder, f))
    .find((f) => fs.existsSync(f));
  const module = esm ? await import(esm)
    : createRequire(import.meta.url)(path.resolve(folder, "lib/viz-standalone.js"));
  const viz = await module.instance();
  const svg = viz.renderString(dot, { format: "svg" });
  fs.writeFileSync(new URL(`graphviz-${viz.graphvizVersion}.svg`, import.meta.url), svg);
  console.log(folder, viz.graphvizVersion);
}
