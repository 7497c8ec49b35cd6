// Bundles the extension into dist/extension.js (the `vscode` module is provided
// by the editor), and compiles the modules that do not need `vscode` into out/
// for the unit tests (`node --test`).
import { build } from "esbuild";

const common = { platform: "node", format: "cjs", target: "node20", logLevel: "warning" };

await build({
  ...common,
  entryPoints: ["src/extension.ts"],
  bundle: true,
  external: ["vscode"],
  outfile: "dist/extension.js",
  sourcemap: process.argv.includes("--sourcemap"),
  minify: process.argv.includes("--minify"),
});

await build({
  ...common,
  entryPoints: ["src/serverLookup.ts", "src/settings.ts", "src/cli.ts"],
  outdir: "out",
});
