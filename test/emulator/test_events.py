from support import StackTestCase

BUS = {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}}
ARCHIVE = {
    "Type": "AWS::Events::Archive",
    "Properties": {"SourceArn": {"Fn::GetAtt": ["Bus", "Arn"]}, "RetentionDays": 30, "Description": "replay"},
}


RULE = {
    "Type": "AWS::Events::Rule",
    "Properties": {
        "EventBusName": {"Ref": "Bus"},
        "EventPattern": {"source": ["shop.orders"]},
        "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}],
    },
}


class EventBusTest(StackTestCase):
    def test_ref_is_the_name_and_a_rule_can_use_it(self) -> None:
        bus = {**BUS, "Properties": {**BUS["Properties"], "Description": "Order events"}}
        out = self.deploy(
            {"Bus": bus, "Rule": RULE},
            {
                "Name": {"Value": {"Ref": "Bus"}},
                "Arn": {"Value": {"Fn::GetAtt": ["Bus", "Arn"]}},
                "NameAttr": {"Value": {"Fn::GetAtt": ["Bus", "Name"]}},
            },
        )
        self.assertEqual(out["Name"], "orders")
        self.assertEqual(out["NameAttr"], "orders")
        described = self.client("events").describe_event_bus(Name="orders")
        self.assertEqual(described["Arn"], out["Arn"])
        self.assertEqual(described["Description"], "Order events")
        rules = self.client("events").list_rules(EventBusName="orders")["Rules"]
        self.assertEqual(len(rules), 1)

    def test_an_update_keeps_the_bus_and_its_rules(self) -> None:
        self.deploy({"Bus": BUS, "Rule": RULE})
        changed = {**BUS, "Properties": {**BUS["Properties"], "Description": "changed"}}
        self.update({"Bus": changed, "Rule": RULE})
        events = self.client("events")
        self.assertEqual(events.describe_event_bus(Name="orders")["Description"], "changed")
        self.assertEqual(len(events.list_rules(EventBusName="orders")["Rules"]), 1)

    def test_deleting_the_stack_deletes_the_bus(self) -> None:
        self.deploy({"Bus": BUS, "Rule": RULE})
        self.destroy()
        names = [b["Name"] for b in self.client("events").list_event_buses()["EventBuses"]]
        self.assertEqual(names, ["default"])


class ArchiveTest(StackTestCase):
    def test_a_generated_name_fits_createarchive_even_for_a_long_stack_name(self) -> None:
        name = "oar-step-functions-saga--production-eu"
        out = self.deploy(
            {"Bus": BUS, "OrdersBusOrdersArchiveB29045C3": ARCHIVE},
            {"Name": {"Value": {"Ref": "OrdersBusOrdersArchiveB29045C3"}}},
            name=name,
        )
        self.assertLessEqual(len(out["Name"]), 48)
        self.assertTrue(out["Name"].startswith(name[:30]), out["Name"])
        archive = self.client("events").describe_archive(ArchiveName=out["Name"])
        self.assertEqual(archive["RetentionDays"], 30)
        self.assertTrue(archive["EventSourceArn"].endswith(":event-bus/orders"))

    def test_a_given_name_is_kept(self) -> None:
        named = {**ARCHIVE, "Properties": {**ARCHIVE["Properties"], "ArchiveName": "orders-archive"}}
        out = self.deploy({"Bus": BUS, "Archive": named}, {"Name": {"Value": {"Ref": "Archive"}}})
        self.assertEqual(out["Name"], "orders-archive")

    def test_updates_retention_in_place_and_attributes_are_real(self) -> None:
        outputs = {"Name": {"Value": {"Ref": "Archive"}}, "Arn": {"Value": {"Fn::GetAtt": ["Archive", "Arn"]}}}
        out = self.deploy({"Bus": BUS, "Archive": ARCHIVE}, outputs)
        archive = self.client("events").describe_archive(ArchiveName=out["Name"])
        self.assertEqual(out["Arn"], archive["ArchiveArn"])
        changed = {**ARCHIVE, "Properties": {**ARCHIVE["Properties"], "RetentionDays": 7}}
        after = self.update({"Bus": BUS, "Archive": changed}, outputs)
        self.assertEqual(after["Name"], out["Name"])
        self.assertEqual(self.client("events").describe_archive(ArchiveName=out["Name"])["RetentionDays"], 7)

    def test_deleting_the_stack_deletes_the_archive(self) -> None:
        self.deploy({"Bus": BUS, "Archive": ARCHIVE}, name="a-rather-long-stack-name-for-an-archive")
        self.destroy(name="a-rather-long-stack-name-for-an-archive")
        self.assertEqual(self.client("events").list_archives()["Archives"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
