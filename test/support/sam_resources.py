"""Runs AWS's SAM transform on one template and prints the resources it produces, as JSON
(the whole transformed Resources map), for tests that assert what SAM generates.

Usage: python3 sam_resources.py TEMPLATE
"""
import json
import sys

import yaml
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}


with open(sys.argv[1]) as f:
    template = yaml.safe_load(f)
for resource in template.get("Resources", {}).values():
    props = resource.get("Properties") or {}
    if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str):
        props["CodeUri"] = "s3://packaged-code/function.zip"
print(json.dumps(transform(template, {}, NoManagedPolicies())["Resources"]))
