// Validates a Teams app manifest offline against the schemas bundled in @microsoft/app-manifest.
// Prints {"errors":[...]} and exits 1 when there are any.
// Usage: node check-teams-manifest.js <path/to/manifest.json>
//
// The package's own AppManifestUtils.readAndValidateTeamsManifest() is used when it loads; 1.1.2 requires
// fs-extra without declaring it, so when that is missing the same validation runs here: the manifest's
// $schema resolved to the bundled copy (build/json-schemas/teams/vX.YY), ajv draft-04 with the same options.
"use strict";
const fs = require("fs");
const path = require("path");

const packageRoot = path.join(__dirname, "node_modules", "@microsoft", "app-manifest");

function bundledSchemaFor(schemaUrl) {
  const match = /\/json-schemas\/teams\/(v[\d.]+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i.exec(schemaUrl || "");
  if (!match) {
    throw new Error(`$schema is not a Teams schema URL: ${schemaUrl}`);
  }
  const file = path.join(packageRoot, "build", "json-schemas", "teams", match[1], "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) {
    throw new Error(`@microsoft/app-manifest bundles no schema ${match[1]}`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
}

function validateWithBundledSchema(manifest) {
  const Ajv = require("ajv-draft-04");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(bundledSchemaFor(manifest.$schema));
  return validate(manifest)
    ? []
    : validate.errors.map((e) => `${e.instancePath} ${e.message || ""}. Details: ${JSON.stringify(e.params || {})}`);
}

async function validate(file) {
  let utils;
  try {
    ({ AppManifestUtils: utils } = require("@microsoft/app-manifest"));
  } catch (e) {
    if (!/Cannot find module 'fs-extra'/.test(String(e))) {
      throw e;
    }
  }
  if (utils) {
    try {
      const [, errors] = await utils.readAndValidateTeamsManifest(file);
      return errors;
    } catch (e) {
      // A structurally wrong manifest makes the typed reader throw instead of listing schema errors.
      return [String(e && e.message ? e.message : e)];
    }
  }
  return validateWithBundledSchema(JSON.parse(fs.readFileSync(file, "utf8")));
}

validate(path.resolve(process.argv[2] || ""))
  .then((errors) => {
    process.stdout.write(JSON.stringify({ errors }) + "\n");
    process.exitCode = errors.length === 0 ? 0 : 1;
  })
  .catch((e) => {
    process.stdout.write(JSON.stringify({ errors: [String(e && e.message ? e.message : e)] }) + "\n");
    process.exitCode = 2;
  });
