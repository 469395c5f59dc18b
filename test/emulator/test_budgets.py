from support import StackTestCase

BUDGET = {
    "Type": "AWS::Budgets::Budget",
    "Properties": {
        "Budget": {
            "BudgetName": "dev-monthly",
            "BudgetType": "COST",
            "TimeUnit": "MONTHLY",
            "BudgetLimit": {"Amount": 500, "Unit": "USD"},
            "CostFilters": {"TagKeyValue": ["user:environment$dev"]},
        },
        "NotificationsWithSubscribers": [
            {
                "Notification": {
                    "NotificationType": "FORECASTED",
                    "ComparisonOperator": "GREATER_THAN",
                    "Threshold": "80",
                    "ThresholdType": "PERCENTAGE",
                },
                "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "finops@example.com"}],
            }
        ],
    },
}


class BudgetTest(StackTestCase):
    def test_creates_the_budget_with_its_limit_and_notifications(self) -> None:
        out = self.deploy({"Budget": BUDGET}, {"Name": {"Value": {"Ref": "Budget"}}})
        self.assertEqual(out["Name"], "dev-monthly")
        account = self.client("sts").get_caller_identity()["Account"]
        client = self.client("budgets")
        got = client.describe_budget(AccountId=account, BudgetName="dev-monthly")["Budget"]
        self.assertEqual(got["BudgetLimit"], {"Amount": "500", "Unit": "USD"})
        self.assertEqual(got["TimeUnit"], "MONTHLY")
        self.assertEqual(got["CostFilters"], {"TagKeyValue": ["user:environment$dev"]})
        [notification] = client.describe_notifications_for_budget(AccountId=account, BudgetName="dev-monthly")["Notifications"]
        self.assertEqual(notification["NotificationType"], "FORECASTED")
        self.assertEqual(notification["Threshold"], 80.0)

    def test_updates_the_limit(self) -> None:
        self.deploy({"Budget": BUDGET})
        props = {**BUDGET["Properties"], "Budget": {**BUDGET["Properties"]["Budget"], "BudgetLimit": {"Amount": 800, "Unit": "USD"}}}
        self.update({"Budget": {**BUDGET, "Properties": props}})
        account = self.client("sts").get_caller_identity()["Account"]
        got = self.client("budgets").describe_budget(AccountId=account, BudgetName="dev-monthly")["Budget"]
        self.assertEqual(got["BudgetLimit"]["Amount"], "800")

    def test_deleting_the_stack_deletes_the_budget(self) -> None:
        self.deploy({"Budget": BUDGET})
        self.destroy()
        account = self.client("sts").get_caller_identity()["Account"]
        self.assertEqual(self.client("budgets").describe_budgets(AccountId=account).get("Budgets", []), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
