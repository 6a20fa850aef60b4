"""moto_server with the AWS SAM transform, for eda's end-to-end deploy tests.

CloudFormation runs the `AWS::Serverless-2016-10-31` transform server-side; moto
does not. This wrapper patches moto's CloudFormation template parsing (stacks and
change sets) so that a template declaring that transform is expanded with
aws-sam-translator before moto creates resources from it, then runs moto_server
with the usual arguments (for example `-H 127.0.0.1 -p 5123`).

GetTemplate still returns the template as submitted (the "Original" stage), as
CloudFormation does. One moto gap is filled as well: after a change set is executed,
the stack's outputs are recomputed (moto kept the ones from before), and `Ref` of an
event bus gives its name (moto gave an internal object), and a state machine's
DefinitionSubstitutions are applied (moto ignored them).

Test-harness limitation: moto has no CloudFormation model for some resource types
that the transform produces (HTTP APIs, SNS subscriptions, queue policies, EventBridge
Scheduler schedules, ...). moto would skip them with a warning but then fail on
references to them, so this wrapper drops them from what moto sees, together with
outputs and DependsOn entries that name them, and replaces other references to them
with placeholder strings. The templates eda generates are never changed for moto.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from typing import Any

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from moto.cloudformation import models as cfn_models  # noqa: E402
from moto.cloudformation.parsing import NULL_MODELS, get_model_map  # noqa: E402
from samtranslator.translator.arn_generator import ArnGenerator  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"

# The AWS managed policies that the SAM transform attaches by name.
MANAGED_POLICIES = [
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaRole",
    "AWSXrayWriteOnlyAccess",
    "AWSXRayDaemonWriteAccess",
    "AWSLambdaSQSQueueExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaMSKExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AWSLambdaExecute",
    "AmazonDynamoDBFullAccess",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonSQSFullAccess",
    "AmazonSNSFullAccess",
    "AmazonS3FullAccess",
    "AmazonS3ReadOnlyAccess",
    "CloudWatchLogsFullAccess",
    "AWSStepFunctionsFullAccess",
]


class StubManagedPolicyLoader:
    """Stands in for samtranslator's ManagedPolicyLoader, which would call IAM ListPolicies."""

    def load(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in MANAGED_POLICIES:
            short = name.split("/")[-1]
            prefix = "service-role/" if short.startswith("AWSLambda") and "Execution" in short else ""
            out[short] = f"arn:aws:iam::aws:policy/{prefix}{short}"
        return out


def _has_sam_transform(template: Any) -> bool:
    if not isinstance(template, dict):
        return False
    t = template.get("Transform")
    return t == SAM_TRANSFORM or (isinstance(t, list) and SAM_TRANSFORM in t)


def _references(value: Any, names: set[str]) -> bool:
    """Whether value refers (Ref, GetAtt, Sub, DependsOn) to any of names."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str) and inner in names:
                return True
            if key == "Fn::GetAtt":
                target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
                if target in names:
                    return True
            if key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                if isinstance(text, str) and any("${" + n + "}" in text or "${" + n + "." in text for n in names):
                    return True
            if _references(inner, names):
                return True
    elif isinstance(value, list):
        return any(_references(v, names) for v in value)
    return False


def _placeholder(value: Any, names: set[str]) -> Any:
    """Replaces intrinsic references to dropped resources with placeholder strings."""
    if isinstance(value, dict):
        if len(value) == 1:
            key, inner = next(iter(value.items()))
            if key == "Ref" and isinstance(inner, str) and inner in names:
                return f"moto-unsupported-{inner}"
            if key == "Fn::GetAtt":
                target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
                if target in names:
                    return f"moto-unsupported-{target}"
            if key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                if isinstance(text, str):
                    for n in names:
                        text = text.replace("${" + n + "}", f"moto-unsupported-{n}")
                    return {"Fn::Sub": [text, _placeholder(inner[1], names)] if isinstance(inner, list) else text}
        return {k: _placeholder(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_placeholder(v, names) for v in value]
    return value


def drop_unsupported(template: dict[str, Any]) -> dict[str, Any]:
    supported = get_model_map()
    resources = template.get("Resources") or {}
    dropped = {
        name
        for name, res in resources.items()
        if isinstance(res, dict)
        and res.get("Type") not in supported
        and res.get("Type") not in NULL_MODELS
        and not str(res.get("Type", "")).startswith("Custom::")
    }
    if not dropped:
        return template
    sys.stderr.write(f"[moto_sam] not modelled by moto, dropped: {', '.join(sorted(dropped))}\n")
    kept = {}
    for name, res in resources.items():
        if name in dropped:
            continue
        res = _placeholder(res, dropped)
        deps = res.get("DependsOn")
        if isinstance(deps, str) and deps in dropped:
            res.pop("DependsOn")
        elif isinstance(deps, list):
            res["DependsOn"] = [d for d in deps if d not in dropped]
        kept[name] = res
    template["Resources"] = kept
    outputs = template.get("Outputs")
    if isinstance(outputs, dict):
        template["Outputs"] = {k: v for k, v in outputs.items() if not _references(v, dropped)}
        if not template["Outputs"]:
            template.pop("Outputs")
    return template


def expand(template: Any, region: str) -> Any:
    if not _has_sam_transform(template):
        return template
    ArnGenerator.BOTO_SESSION_REGION_NAME = region
    fragment = copy.deepcopy(template)
    params = {"AWS::Region": region, "AWS::Partition": "aws"}
    out = transform(fragment, params, StubManagedPolicyLoader())
    out = json.loads(json.dumps(out))  # plain dicts and lists
    return drop_unsupported(out)


_parse = cfn_models.Stack.parse_template


def _stack_parse_template(self: Any) -> None:
    self.template_dict = expand(_parse(self.template), self.region_name)


def _stack_has_template(self: Any, other_template: str) -> bool:
    self._parse_template()
    return self.template_dict == expand(_parse(other_template), self.region_name)


def _change_set_parse_template(self: Any) -> None:
    self.template_dict = expand(_parse(self.template), self.stack.region_name)


_execute_change_set = cfn_models.CloudFormationBackend.execute_change_set


def _execute_change_set_refreshing_outputs(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
    """moto leaves a stack's outputs as they were before a change set ran (empty for a
    new stack); CloudFormation recomputes them. Rebuild them after executing."""
    _execute_change_set(self, change_set_name, stack_name)
    for stack in self.stacks.values():
        if stack.name == stack_name or stack.stack_id == stack_name or any(
            cs.stack_id == stack.stack_id and change_set_name in (cs.change_set_id, cs.change_set_name)
            for cs in self.change_sets.values()
        ):
            stack._parse_template()
            stack.output_map = stack._create_output_map()


cfn_models.CloudFormationBackend.execute_change_set = _execute_change_set_refreshing_outputs

# moto's state machine ignores DefinitionSubstitutions (the SAM transform moves
# DefinitionSubstitutions there, e.g. function ARNs); CloudFormation replaces each ${key}.
from moto.stepfunctions.models import StateMachine as _StateMachine  # noqa: E402


def _substituted(cloudformation_json: Any) -> Any:
    props = cloudformation_json.get("Properties") or {}
    subs = props.get("DefinitionSubstitutions")
    definition = props.get("DefinitionString")
    if isinstance(subs, dict) and isinstance(definition, str):
        for key, value in subs.items():
            definition = definition.replace("${" + key + "}", str(value))
        props = {k: v for k, v in props.items() if k != "DefinitionSubstitutions"}
        props["DefinitionString"] = definition
        return {**cloudformation_json, "Properties": props}
    return cloudformation_json


_sm_create = _StateMachine.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
_sm_update = _StateMachine.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def _sm_create_substituted(cls: Any, resource_name: str, cloudformation_json: Any, *args: Any, **kwargs: Any) -> Any:
    return _sm_create(cls, resource_name, _substituted(cloudformation_json), *args, **kwargs)


def _sm_update_substituted(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, *args: Any, **kwargs: Any) -> Any:
    return _sm_update(cls, original_resource, new_resource_name, _substituted(cloudformation_json), *args, **kwargs)


_StateMachine.create_from_cloudformation_json = classmethod(_sm_create_substituted)  # type: ignore[assignment]
_StateMachine.update_from_cloudformation_json = classmethod(_sm_update_substituted)  # type: ignore[assignment]

# moto's EventBus has no physical_resource_id, so `Ref: SomeBus` resolved to the Python
# object instead of the bus name (CloudFormation's Ref of AWS::Events::EventBus).
from moto.events.models import EventBus as _EventBus  # noqa: E402

if not hasattr(_EventBus, "physical_resource_id"):
    _EventBus.physical_resource_id = property(lambda self: self.name)  # type: ignore[attr-defined]
cfn_models.Stack._parse_template = _stack_parse_template
cfn_models.Stack.has_template = _stack_has_template
cfn_models.ChangeSet._parse_template = _change_set_parse_template


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
