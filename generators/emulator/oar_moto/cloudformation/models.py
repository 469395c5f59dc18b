"""Fixes to moto's CloudFormation backend that the CDK toolkit depends on.

Not resource models: behaviour of the CloudFormation API itself, written as the fix that
would go upstream. Applied when load_models imports this module.
"""

from typing import Any

from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import CloudFormationBackend, Stack
from moto.cloudformation.parsing import ResourceMap

_delete_change_set = CloudFormationBackend.delete_change_set


def delete_change_set(self: CloudFormationBackend, change_set_name: str) -> None:
    # AWS answers success when the stack exists and the change set does not; the CDK
    # toolkit relies on that to clear a stale diff change set before it creates one.
    # moto 5.2.1 fails with an UnboundLocalError (an HTML 500 the SDK cannot parse).
    known = change_set_name in self.change_sets or any(
        cs.change_set_name == change_set_name for cs in self.change_sets.values()
    )
    if known:
        _delete_change_set(self, change_set_name)


CloudFormationBackend.delete_change_set = delete_change_set  # type: ignore[method-assign]


class ChangeSetNotFoundError(CloudFormationError):
    # The query API's code for the ChangeSetNotFoundException shape; SDKs map it to that name.
    code = "ChangeSetNotFound"

    def __init__(self, name: str):
        super().__init__(f"ChangeSet [{name}] does not exist")


_describe_change_set = CloudFormationBackend.describe_change_set


def describe_change_set(self: CloudFormationBackend, change_set_name: str) -> Any:
    # AWS answers ChangeSetNotFound, which the CDK toolkit waits for after deleting a change
    # set; moto 5.2.1 answers a ValidationError about a stack, which fails the deploy.
    try:
        return _describe_change_set(self, change_set_name)
    except ValidationError:
        raise ChangeSetNotFoundError(change_set_name) from None


CloudFormationBackend.describe_change_set = describe_change_set  # type: ignore[method-assign]


_execute_change_set = CloudFormationBackend.execute_change_set


def execute_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> None:
    # moto 5.2.1 applies the change set's template to the resources but keeps the outputs of
    # the stack's previous template (none, for a stack a change set created), as UpdateStack
    # does not: DescribeStacks then lists no outputs.
    _execute_change_set(self, change_set_name, stack_name)
    change_set = self.describe_change_set(change_set_name)
    stack = self.stacks[change_set.stack_id]
    stack._parse_template()  # noqa: SLF001 (the same steps as Stack.update)
    stack.output_map = stack._create_output_map()  # noqa: SLF001
    stack.description = stack.template_dict.get("Description")
    # CreateStack and UpdateStack list the stack's exports for Fn::ImportValue and ListExports; a
    # change set did not, and DeleteStack then failed removing exports that were never listed.
    for name in [n for n, e in self.exports.items() if e.exporting_stack_id == stack.stack_id]:
        del self.exports[name]
    self._validate_export_uniqueness(stack)  # noqa: SLF001
    for export in stack.exports:
        self.exports[export.name] = export


CloudFormationBackend.execute_change_set = execute_change_set  # type: ignore[method-assign]


_update = ResourceMap.update


def _in_dependency_order(resources: dict[str, Any]) -> dict[str, Any]:
    """The template's resources with each after those it DependsOn (order otherwise kept)."""
    ordered: dict[str, Any] = {}
    pending = dict(resources)

    def visit(name: str) -> None:
        if name not in pending:
            return
        resource = pending.pop(name)
        depends = resource.get("DependsOn", []) if isinstance(resource, dict) else []
        for dependency in [depends] if isinstance(depends, str) else depends:
            visit(dependency)
        ordered[name] = resource

    while pending:
        visit(next(iter(pending)))
    return ordered


def update(self: ResourceMap, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
    # CreateStack follows DependsOn, but an update (and so every ExecuteChangeSet, including the
    # one that creates a stack) adds resources in template order: an API Gateway Deployment is
    # then created before the methods it DependsOn, and fails.
    _update(self, {**template, "Resources": _in_dependency_order(template.get("Resources", {}))}, parameters)


ResourceMap.update = update  # type: ignore[method-assign]


_stack_delete = Stack.delete


class _Settled:
    """A deleted stack's outputs and exports, as they were: moto works both out again on every
    read, which would create the resources they refer to once more."""

    def __init__(self, outputs: list[Any], exports: list[Any]):
        self._outputs = outputs
        self.exports = exports

    def values(self) -> list[Any]:
        return self._outputs


def stack_delete(self: Stack) -> None:
    # Read while the resources exist, so a deleted stack (DescribeStacks by stack id) keeps the
    # values it had and reading it creates nothing.
    settled = _Settled(list(self.output_map.values()), list(self.output_map.exports))
    self.output_map = settled  # type: ignore[assignment]
    _stack_delete(self)


Stack.delete = stack_delete  # type: ignore[method-assign]
