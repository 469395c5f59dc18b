"""Change sets as the CDK toolkit needs them: each belongs to its stack, as in AWS.

moto 5.2.1 looks a change set up by its name across every stack, and the toolkit names every
stack's change sets alike (cdk-deploy-change-set). On an emulator that holds more than one
stack, DeleteChangeSet for one stack then removed another's, and the DescribeChangeSet the
toolkit polls until the set is gone kept answering, so the deploy waited for ever. Here every
call that names a change set and a stack resolves it within that stack (an ARN identifies one
exactly), and the other CloudFormation fixes the toolkit relies on: DeleteChangeSet of a set
the stack lacks succeeds, and DescribeChangeSet of a missing set answers ChangeSetNotFound.
"""

from collections.abc import Iterable
from typing import Any

from moto.cloudformation.exceptions import AlreadyExistsException, CloudFormationError, ValidationError
from moto.cloudformation.models import ChangeSet, CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult, EmptyResult


class ChangeSetNotFoundError(CloudFormationError):
    # The query API's code for the ChangeSetNotFoundException shape; SDKs map it to that name.
    code = "ChangeSetNotFound"

    def __init__(self, name: str):
        super().__init__(f"ChangeSet [{name}] does not exist")


def stack_id_of(backend: CloudFormationBackend, stack_name: str) -> str | None:
    """The id of the live stack with this name or id, or of the deleted stack with this id."""
    for stack in backend.stacks.values():
        if stack_name in (stack.name, stack.stack_id):
            return str(stack.stack_id)
    return stack_name if stack_name in backend.deleted_stacks else None


def find_change_set(backend: CloudFormationBackend, name: str, stack_name: str | None) -> ChangeSet | None:
    """The change set an ARN names, or the one of this name in this stack. Without a stack (AWS
    requires one with a name), the last of that name in any stack, as moto did."""
    if name in backend.change_sets:
        return backend.change_sets[name]
    if stack_name:
        stack_id = stack_id_of(backend, stack_name)
        owned = [cs for cs in backend.change_sets.values() if cs.stack_id == stack_id]
    else:
        owned = list(backend.change_sets.values())
    return next((cs for cs in reversed(owned) if cs.change_set_name == name), None)


def delete_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> None:
    # AWS answers success when the stack exists and the change set does not; the CDK toolkit
    # relies on that to clear a stale change set before it creates one. moto 5.2.1 fails with an
    # UnboundLocalError (an HTML 500 the SDK cannot parse).
    change_set = find_change_set(self, change_set_name, stack_name)
    if change_set is not None:
        del self.change_sets[change_set.change_set_id]
    elif stack_name and stack_id_of(self, stack_name) is None:
        raise ValidationError(message=f"Stack [{stack_name}] does not exist")


def describe_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> ChangeSet:
    # AWS answers ChangeSetNotFound, which the toolkit waits for after deleting a change set;
    # moto 5.2.1 answers a ValidationError about a stack, which fails the deploy.
    change_set = find_change_set(self, change_set_name, stack_name)
    if change_set is None:
        raise ChangeSetNotFoundError(change_set_name)
    return change_set


_execute_change_set = CloudFormationBackend.execute_change_set


def execute_change_set(self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None) -> None:
    change_set = describe_change_set(self, change_set_name, stack_name)
    _execute_change_set(self, change_set.change_set_id, stack_name)  # by its ARN: exactly this one
    # moto 5.2.1 applies the change set's template to the resources but keeps the outputs of
    # the stack's previous template (none, for a stack a change set created), as UpdateStack
    # does not: DescribeStacks then lists no outputs.
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


_create_change_set = CloudFormationBackend.create_change_set


def create_change_set(
    self: CloudFormationBackend, stack_name: str, change_set_name: str, *args: Any, **kwargs: Any
) -> tuple[str, str]:
    stack = self.stacks.get(stack_id_of(self, stack_name) or "")
    # moto made a second live stack of the same name, which a name then could not tell apart.
    if stack is not None and kwargs.get("change_set_type") == "CREATE" and stack.status != "REVIEW_IN_PROGRESS":
        raise ValidationError(
            message=f"Stack [{stack_name}] already exists and cannot be created again with the changeSet [{change_set_name}]."
        )
    # A change set's name is unique within its stack (AWS refuses a second), not across stacks.
    if stack is not None and find_change_set(self, change_set_name, stack.stack_id) is not None:
        raise AlreadyExistsException(f"ChangeSet [{change_set_name}] already exists")
    return _create_change_set(self, stack_name, change_set_name, *args, **kwargs)  # type: ignore[no-any-return]


def list_change_sets(self: CloudFormationBackend, stack_name: str | None = None) -> Iterable[ChangeSet]:
    if not stack_name:
        return list(self.change_sets.values())
    stack_id = stack_id_of(self, stack_name)
    return [cs for cs in self.change_sets.values() if cs.stack_id == stack_id]


CloudFormationBackend.delete_change_set = delete_change_set  # type: ignore[method-assign]
CloudFormationBackend.describe_change_set = describe_change_set  # type: ignore[method-assign]
CloudFormationBackend.execute_change_set = execute_change_set  # type: ignore[method-assign]
CloudFormationBackend.create_change_set = create_change_set  # type: ignore[method-assign]
CloudFormationBackend.list_change_sets = list_change_sets  # type: ignore[method-assign]


# moto's handlers drop the StackName of these three calls; pass it on.
def _delete(self: CloudFormationResponse) -> EmptyResult:
    self.cloudformation_backend.delete_change_set(self._get_param("ChangeSetName"), self._get_param("StackName"))
    return EmptyResult()


def _describe(self: CloudFormationResponse) -> ActionResult:
    backend = self.cloudformation_backend
    return ActionResult(backend.describe_change_set(self._get_param("ChangeSetName"), self._get_param("StackName")))


def _list(self: CloudFormationResponse) -> ActionResult:
    return ActionResult({"Summaries": self.cloudformation_backend.list_change_sets(self._get_param("StackName"))})


CloudFormationResponse.delete_change_set = _delete  # type: ignore[method-assign]
CloudFormationResponse.describe_change_set = _describe  # type: ignore[method-assign]
CloudFormationResponse.list_change_sets = _list  # type: ignore[method-assign]
