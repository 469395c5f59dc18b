"""Fixes to moto's CloudFormation backend that the CDK toolkit depends on.

Not resource models: behaviour of the CloudFormation API itself, written as the fix that
would go upstream. Applied when load_models imports this module (the change-set API's in
change_sets.py).
"""

from typing import Any

from moto.cloudformation.models import Stack
from moto.cloudformation.parsing import ResourceMap

from . import change_sets  # noqa: F401 (the change-set API's fixes, applied on import)

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
