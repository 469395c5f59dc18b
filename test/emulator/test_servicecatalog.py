from typing import Any

from support import StackTestCase

PORTFOLIO = {
    "Type": "AWS::ServiceCatalog::Portfolio",
    "Properties": {
        "DisplayName": "Engineering environments",
        "ProviderName": "Platform team",
        "Description": "Environments engineers launch themselves",
        "Tags": [{"Key": "team", "Value": "platform"}],
    },
}


def tag_option(key: str, value: str, active: Any = True) -> dict[str, Any]:
    return {"Type": "AWS::ServiceCatalog::TagOption", "Properties": {"Key": key, "Value": value, "Active": active}}


def association(tag_option_id: str) -> dict[str, Any]:
    return {
        "Type": "AWS::ServiceCatalog::TagOptionAssociation",
        "Properties": {"ResourceId": {"Ref": "Portfolio"}, "TagOptionId": {"Ref": tag_option_id}},
    }


CATALOGUE = {
    "Portfolio": PORTFOLIO,
    "Dev": tag_option("env", "dev"),
    "Prod": tag_option("env", "prod"),
    "DevOnPortfolio": association("Dev"),
    "ProdOnPortfolio": association("Prod"),
}


class PortfolioTest(StackTestCase):
    def test_creates_the_portfolio_and_ref_is_its_id(self) -> None:
        out = self.deploy(
            {"Portfolio": PORTFOLIO},
            {
                "Ref": {"Value": {"Ref": "Portfolio"}},
                "Id": {"Value": {"Fn::GetAtt": ["Portfolio", "Id"]}},
                "Name": {"Value": {"Fn::GetAtt": ["Portfolio", "PortfolioName"]}},
            },
        )
        described = self.client("servicecatalog").describe_portfolio(Id=out["Ref"])
        detail = described["PortfolioDetail"]
        self.assertEqual(detail["Id"], out["Id"])
        self.assertEqual(out["Name"], "Engineering environments")
        self.assertEqual(
            (detail["DisplayName"], detail["ProviderName"], detail["Description"]),
            ("Engineering environments", "Platform team", "Environments engineers launch themselves"),
        )
        self.assertEqual(described["Tags"], [{"Key": "team", "Value": "platform"}])

    def test_updates_the_portfolio_in_place(self) -> None:
        self.deploy({"Portfolio": PORTFOLIO})
        portfolio_id = self.physical_id("Portfolio")
        props = {**PORTFOLIO["Properties"], "DisplayName": "Sandboxes", "Tags": [{"Key": "cost-centre", "Value": "42"}]}
        self.update({"Portfolio": {**PORTFOLIO, "Properties": props}})
        self.assertEqual(self.physical_id("Portfolio"), portfolio_id)
        described = self.client("servicecatalog").describe_portfolio(Id=portfolio_id)
        self.assertEqual(described["PortfolioDetail"]["DisplayName"], "Sandboxes")
        self.assertEqual(described["Tags"], [{"Key": "cost-centre", "Value": "42"}])

    def test_deleting_the_stack_deletes_the_portfolio(self) -> None:
        self.deploy({"Portfolio": PORTFOLIO})
        self.destroy()
        self.assertEqual(self.client("servicecatalog").list_portfolios()["PortfolioDetails"], [])


class TagOptionTest(StackTestCase):
    def test_creates_the_tag_option_and_ref_is_its_id(self) -> None:
        out = self.deploy({"Dev": tag_option("env", "dev")}, {"Ref": {"Value": {"Ref": "Dev"}}, "Id": {"Value": {"Fn::GetAtt": ["Dev", "Id"]}}})
        detail = self.client("servicecatalog").describe_tag_option(Id=out["Ref"])["TagOptionDetail"]
        self.assertEqual(out["Id"], out["Ref"])
        self.assertTrue(out["Ref"].startswith("tag-"))
        self.assertEqual((detail["Key"], detail["Value"], detail["Active"]), ("env", "dev", True))

    def test_an_inactive_tag_option(self) -> None:
        self.deploy({"Old": tag_option("env", "qa", active="false")})
        detail = self.client("servicecatalog").describe_tag_option(Id=self.physical_id("Old"))["TagOptionDetail"]
        self.assertFalse(detail["Active"])

    def test_deactivates_in_place_and_replaces_for_a_new_value(self) -> None:
        self.deploy({"Dev": tag_option("env", "dev")})
        first = self.physical_id("Dev")
        self.update({"Dev": tag_option("env", "dev", active=False)})
        sc = self.client("servicecatalog")
        self.assertEqual(self.physical_id("Dev"), first)
        self.assertFalse(sc.describe_tag_option(Id=first)["TagOptionDetail"]["Active"])
        self.update({"Dev": tag_option("env", "development")})
        [only] = sc.list_tag_options()["TagOptionDetails"]
        self.assertEqual((only["Id"], only["Value"]), (self.physical_id("Dev"), "development"))
        self.assertNotEqual(only["Id"], first)

    def test_deleting_the_stack_deletes_the_tag_option(self) -> None:
        self.deploy({"Dev": tag_option("env", "dev")})
        self.destroy()
        self.assertEqual(self.client("servicecatalog").list_tag_options()["TagOptionDetails"], [])


class TagOptionAssociationTest(StackTestCase):
    def test_associates_the_tag_options_with_the_portfolio(self) -> None:
        self.deploy(CATALOGUE, {"Ref": {"Value": {"Ref": "DevOnPortfolio"}}})
        sc = self.client("servicecatalog")
        portfolio_id = self.physical_id("Portfolio")
        options = sc.describe_portfolio(Id=portfolio_id)["TagOptions"]
        self.assertEqual(sorted((o["Key"], o["Value"]) for o in options), [("env", "dev"), ("env", "prod")])
        [resource] = sc.list_resources_for_tag_option(TagOptionId=self.physical_id("Dev"))["ResourceDetails"]
        self.assertEqual((resource["Id"], resource["Name"]), (portfolio_id, "Engineering environments"))

    def test_removing_an_association_from_the_template_disassociates_it(self) -> None:
        self.deploy(CATALOGUE)
        remaining = {k: v for k, v in CATALOGUE.items() if k != "ProdOnPortfolio"}
        self.update(remaining)
        options = self.client("servicecatalog").describe_portfolio(Id=self.physical_id("Portfolio"))["TagOptions"]
        self.assertEqual([o["Value"] for o in options], ["dev"])

    def test_deleting_the_stack_deletes_the_associations_the_tag_options_and_the_portfolio(self) -> None:
        self.deploy(CATALOGUE)
        tag_option_id = self.physical_id("Dev")
        self.destroy()
        sc = self.client("servicecatalog")
        self.assertEqual(sc.list_portfolios()["PortfolioDetails"], [])
        self.assertEqual(sc.list_tag_options()["TagOptionDetails"], [])
        with self.assertRaises(sc.exceptions.ResourceNotFoundException):
            sc.list_resources_for_tag_option(TagOptionId=tag_option_id)


class ApiTest(StackTestCase):
    """The calls added to moto's backend, through the API alone."""

    def test_an_associated_tag_option_cannot_be_deleted(self) -> None:
        sc = self.client("servicecatalog")
        portfolio_id = sc.create_portfolio(DisplayName="p", ProviderName="me")["PortfolioDetail"]["Id"]
        tag_option_id = sc.create_tag_option(Key="env", Value="dev")["TagOptionDetail"]["Id"]
        with self.assertRaises(sc.exceptions.DuplicateResourceException):
            sc.create_tag_option(Key="env", Value="dev")
        sc.associate_tag_option_with_resource(ResourceId=portfolio_id, TagOptionId=tag_option_id)
        with self.assertRaises(sc.exceptions.DuplicateResourceException):
            sc.associate_tag_option_with_resource(ResourceId=portfolio_id, TagOptionId=tag_option_id)
        with self.assertRaises(sc.exceptions.ResourceInUseException):
            sc.delete_tag_option(Id=tag_option_id)
        sc.disassociate_tag_option_from_resource(ResourceId=portfolio_id, TagOptionId=tag_option_id)
        sc.delete_tag_option(Id=tag_option_id)
        with self.assertRaises(sc.exceptions.ResourceNotFoundException):
            sc.describe_tag_option(Id=tag_option_id)

    def test_list_tag_options_filters_by_key_value_and_state(self) -> None:
        sc = self.client("servicecatalog")
        for value in ("dev", "prod"):
            sc.create_tag_option(Key="env", Value=value)
        old = sc.create_tag_option(Key="env", Value="qa")["TagOptionDetail"]["Id"]
        sc.update_tag_option(Id=old, Active=False)
        sc.create_tag_option(Key="team", Value="platform")
        active_envs = sc.list_tag_options(Filters={"Key": "env", "Active": True})["TagOptionDetails"]
        self.assertEqual(sorted(t["Value"] for t in active_envs), ["dev", "prod"])

    def test_associating_with_an_unknown_resource_fails(self) -> None:
        sc = self.client("servicecatalog")
        tag_option_id = sc.create_tag_option(Key="env", Value="dev")["TagOptionDetail"]["Id"]
        with self.assertRaises(sc.exceptions.ResourceNotFoundException):
            sc.associate_tag_option_with_resource(ResourceId="port-unknown", TagOptionId=tag_option_id)


if __name__ == "__main__":
    import unittest

    unittest.main()
