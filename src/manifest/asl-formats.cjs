// The string formats asl-validator's JSON schemas use (paths, JSONata, ARNs, dates), gathered
// in one object so the build can precompile those schemas into a standalone validator.
// Each checker loads its library on first use: most definitions never need JSONata.
'use strict';

let paths;
function pathFormats() {
  if (!paths) {
    const { registerAll, AslPathValidatorConfig } = require('asl-path-validator');
    paths = {};
    registerAll({ addFormat: (name, fn) => (paths[name] = fn), logger: { error() {} } }, { ...AslPathValidatorConfig, silent: true });
  }
  return paths;
}

let jsonata;
function validJsonata(value) {
  jsonata ??= require('jsonata');
  let expr = value.trim();
  expr = expr.startsWith('{%') ? expr.slice(2) : expr;
  expr = expr.endsWith('%}') ? expr.slice(0, -2) : expr;
  try {
    jsonata(expr);
    return true;
  } catch {
    return false;
  }
}

const arn = /^arn:(?<Partition>aws|aws-cn|aws-us-gov):(?<Service>[^:\n]+):(?<Region>[^:\n]*):(?<AccountID>\d*):(?<Resource>([^:/*]+([:/].*[^:/]+)?))$/iu;

const formats = { ...require('ajv-formats/dist/formats').fullFormats };
// Plain paths ($, $.a.b, $$.Execution.Id) are valid in every path context; only the others need
// the full grammar, so most definitions never load it.
const simplePath = /^\$\$?(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
for (const name of ['asl_path', 'asl_ref_path', 'asl_result_path']) formats[name] = (value) => simplePath.test(value) || pathFormats()[name](value);
formats.asl_payload_template = (value) => pathFormats().asl_payload_template(value);
formats.jsonata_string = validJsonata;
formats.maybe_jsonata_string = (value) => {
  const t = value.trim();
  return t.startsWith('{%') || t.endsWith('%}') ? validJsonata(t) : true;
};
formats.asl_arn = (value) => arn.test(value);

module.exports = formats;
