// The extension ships govlint's configuration schema (generated from govlint's declarations into
// docs/config.schema.json) so that the YAML extension checks and completes .govlint.yaml.
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "..", "..", "..", "docs", "config.schema.json");
fs.copyFileSync(source, path.join(__dirname, "..", "config.schema.json"));
