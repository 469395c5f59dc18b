"""AWS::Budgets::Budget, created through moto's Budgets backend (create_budget, describe_budget,
delete_budget). Budgets is a global service: the backend lives in the partition's pseudo-Region."""

from typing import Any

from moto.budgets.models import BudgetsBackend, budgets_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> BudgetsBackend:
    return budgets_backends[account_id][get_partition(region_name)]


def _spend(value: dict[str, Any]) -> dict[str, str]:
    """A Spend as the API carries it: the amount as a string."""
    return {"Amount": str(value["Amount"]), "Unit": value["Unit"]}


def _budget(props: dict[str, Any], name: str) -> dict[str, Any]:
    budget = dict(props["Budget"])
    budget["BudgetName"] = name
    if "BudgetLimit" in budget:
        budget["BudgetLimit"] = _spend(budget["BudgetLimit"])
    if "PlannedBudgetLimits" in budget:
        budget["PlannedBudgetLimits"] = {k: _spend(v) for k, v in budget["PlannedBudgetLimits"].items()}
    return budget


def _notifications(props: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for n in props.get("NotificationsWithSubscribers") or []:
        notification = dict(n["Notification"])
        notification["Threshold"] = float(notification["Threshold"])
        out.append({"Notification": notification, "Subscribers": list(n.get("Subscribers") or [])})
    return out


class Budget(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-budgets-budget.html
        return "AWS::Budgets::Budget"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Budget":
        props = cloudformation_json["Properties"]
        name = props["Budget"].get("BudgetName", resource_name)
        _backend(account_id, region_name).create_budget(
            account_id=account_id, budget=_budget(props, name), notifications=_notifications(props)
        )
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Budget",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Budget":
        # moto has no UpdateBudget; the budget is created again under its name.
        props = cloudformation_json["Properties"]
        name = props["Budget"].get("BudgetName", original_resource.name)
        original_resource.delete(account_id, region_name)
        _backend(account_id, region_name).create_budget(
            account_id=account_id, budget=_budget(props, name), notifications=_notifications(props)
        )
        return cls(name, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.name in backend.budgets[account_id]:
            backend.delete_budget(account_id=account_id, budget_name=self.name)
