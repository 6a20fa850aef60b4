// The string formats asl-validator's JSON schemas use (paths, JSONata, ARNs, dates), gathered
// in one object so the build can precompile those schemas into a standalone validator.
'use strict';
const { registerAll, AslPathValidatorConfig } = require('asl-path-validator');
const { fullFormats } = require('ajv-formats/dist/formats');
const jsonata = require('jsonata');

const formats = { ...fullFormats };
registerAll({ addFormat: (name, fn) => (formats[name] = fn), logger: { error() {} } }, { ...AslPathValidatorConfig, silent: true });

function validJsonata(value) {
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
formats.jsonata_string = validJsonata;
formats.maybe_jsonata_string = (value) => {
  const t = value.trim();
  return t.startsWith('{%') || t.endsWith('%}') ? validJsonata(t) : true;
};
const arn = /^arn:(?<Partition>aws|aws-cn|aws-us-gov):(?<Service>[^:\n]+):(?<Region>[^:\n]*):(?<AccountID>\d*):(?<Resource>([^:/*]+([:/].*[^:/]+)?))$/iu;
formats.asl_arn = (value) => arn.test(value);

module.exports = formats;
