"""Runs AWS's SAM transform (aws-sam-translator) on templates, as CloudFormation would.

Usage: python3 sam_translate.py TEMPLATE... ; prints one JSON line per template:
{"file": ..., "ok": true, "resources": {logicalId: type}} or {"file": ..., "ok": false, "errors": [...]}.
Local CodeUri values are replaced by an S3 URI first, as `sam package` / `eda deploy` do.
"""
import json
import sys

import yaml
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}


def main():
    for file in sys.argv[1:]:
        with open(file) as f:
            template = yaml.safe_load(f)
        for resource in template.get("Resources", {}).values():
            props = resource.get("Properties") or {}
            if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) and not props["CodeUri"].startswith("s3://"):
                props["CodeUri"] = "s3://packaged-code/function.zip"
        try:
            out = transform(template, {}, NoManagedPolicies())
            print(json.dumps({"file": file, "ok": True, "resources": {k: v["Type"] for k, v in out["Resources"].items()}}))
        except InvalidDocumentException as e:
            print(json.dumps({"file": file, "ok": False, "errors": [c.message for c in e.causes]}))
        except Exception as e:  # noqa: BLE001 — report, don't crash the batch
            print(json.dumps({"file": file, "ok": False, "errors": [repr(e)]}))


if __name__ == "__main__":
    main()
