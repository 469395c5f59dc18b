from typing import Any

from support import StackTestCase


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


CHECK = {
    "Type": "AWS::Route53::HealthCheck",
    "Properties": {
        "HealthCheckConfig": {
            "Type": "HTTP",
            "FullyQualifiedDomainName": "lb.example.com",
            "Port": "80",
            "ResourcePath": "/health",
            "RequestInterval": 30,
            "FailureThreshold": "3",
        },
        "HealthCheckTags": [{"Key": "Name", "Value": "primary"}],
    },
}
ZONE = {
    "Type": "AWS::Route53::HostedZone",
    "Properties": {
        "Name": "app.example.com",
        "HostedZoneConfig": {"Comment": "failover"},
        "HostedZoneTags": [{"Key": "team", "Value": "web"}],
    },
}
RECORD = {
    "Type": "AWS::Route53::RecordSet",
    "Properties": {
        "HostedZoneId": {"Ref": "Zone"},
        "Name": "app.example.com",
        "Type": "A",
        "SetIdentifier": "primary",
        "Failover": "PRIMARY",
        "HealthCheckId": {"Fn::GetAtt": ["Check", "HealthCheckId"]},
        "AliasTarget": {"DNSName": "lb.example.com", "HostedZoneId": "Z35SXDOTRQ7X7K", "EvaluateTargetHealth": "true"},
    },
}
TXT = {
    "Type": "AWS::Route53::RecordSet",
    "Properties": {
        "HostedZoneName": "app.example.com.",
        "Name": "txt.app.example.com",
        "Type": "TXT",
        "TTL": "300",
        "ResourceRecords": ['"v=1"'],
    },
}
OUTPUTS = {
    "Check": {"Value": {"Ref": "Check"}},
    "CheckId": {"Value": {"Fn::GetAtt": ["Check", "HealthCheckId"]}},
    "Zone": {"Value": {"Ref": "Zone"}},
    "ZoneId": {"Value": {"Fn::GetAtt": ["Zone", "Id"]}},
    "NameServers": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Zone", "NameServers"]}]}},
    "Record": {"Value": {"Ref": "Record"}},
}


class Route53TestCase(StackTestCase):
    def stack(self, **changes: Any) -> dict[str, Any]:
        return {"Check": CHECK, "Zone": ZONE, "Record": RECORD, "Txt": TXT, **changes}

    def test_creates_the_health_check_with_its_config_and_tags(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        r53 = self.client("route53")
        self.assertEqual(out["Check"], out["CheckId"])
        check = r53.get_health_check(HealthCheckId=out["CheckId"])["HealthCheck"]
        config = check["HealthCheckConfig"]
        self.assertEqual(config["Type"], "HTTP")
        self.assertEqual(config["FullyQualifiedDomainName"], "lb.example.com")
        self.assertEqual((config["Port"], config["ResourcePath"]), (80, "/health"))
        self.assertEqual((config["RequestInterval"], config["FailureThreshold"]), (30, 3))
        tags = r53.list_tags_for_resource(ResourceType="healthcheck", ResourceId=out["CheckId"])["ResourceTagSet"]["Tags"]
        self.assertEqual(tags, [{"Key": "Name", "Value": "primary"}])

    def test_creates_the_hosted_zone_with_its_comment_tags_and_name_servers(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        r53 = self.client("route53")
        self.assertEqual(out["Zone"], out["ZoneId"])
        zone = r53.get_hosted_zone(Id=out["ZoneId"])
        self.assertEqual(zone["HostedZone"]["Name"], "app.example.com.")
        self.assertEqual(zone["HostedZone"]["Config"], {"Comment": "failover", "PrivateZone": False})
        self.assertEqual(out["NameServers"].split(","), zone["DelegationSet"]["NameServers"])
        tags = r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=out["ZoneId"])["ResourceTagSet"]["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "web"}])

    def test_a_private_zone_is_associated_with_its_vpc(self) -> None:
        vpc = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}
        zone = with_props(ZONE, VPCs=[{"VPCId": {"Ref": "Vpc"}, "VPCRegion": "us-east-1"}])
        out = self.deploy({"Vpc": vpc, "Zone": zone}, {"Zone": {"Value": {"Ref": "Zone"}}})
        found = self.client("route53").get_hosted_zone(Id=out["Zone"])
        self.assertTrue(found["HostedZone"]["Config"]["PrivateZone"])
        self.assertEqual(found["VPCs"], [{"VPCRegion": "us-east-1", "VPCId": self.physical_id("Vpc")}])

    def test_creates_the_record_sets_as_the_api_does(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.assertEqual(out["Record"], "app.example.com")
        records = self.client("route53").list_resource_record_sets(HostedZoneId=out["ZoneId"])["ResourceRecordSets"]
        by_type = {r["Type"]: r for r in records}
        self.assertEqual(sorted(by_type), ["A", "NS", "SOA", "TXT"])
        alias = by_type["A"]
        self.assertEqual(alias["Name"], "app.example.com.")
        self.assertEqual((alias["SetIdentifier"], alias["Failover"]), ("primary", "PRIMARY"))
        self.assertEqual(alias["HealthCheckId"], out["CheckId"])
        self.assertEqual(alias["AliasTarget"]["DNSName"], "lb.example.com")
        self.assertTrue(alias["AliasTarget"]["EvaluateTargetHealth"])
        txt = by_type["TXT"]
        self.assertEqual((txt["Name"], txt["TTL"], txt["ResourceRecords"]), ("txt.app.example.com.", 300, [{"Value": '"v=1"'}]))

    def test_latency_records_of_two_regions_share_a_name(self) -> None:
        def latency(identifier: str, region: Any, check: str) -> dict[str, Any]:
            props = {k: v for k, v in RECORD["Properties"].items() if k != "Failover"}
            return with_props(
                {**RECORD, "Properties": props},
                SetIdentifier=identifier,
                Region=region,
                HealthCheckId={"Fn::GetAtt": [check, "HealthCheckId"]},
            )

        stack = self.stack(
            Check2=CHECK,
            Record=latency("primary", {"Ref": "AWS::Region"}, "Check"),
            Record2=latency("secondary", "us-west-2", "Check2"),
        )
        out = self.deploy(stack, {**OUTPUTS, "Check2Id": {"Value": {"Fn::GetAtt": ["Check2", "HealthCheckId"]}}})
        records = self.client("route53").list_resource_record_sets(HostedZoneId=out["ZoneId"])["ResourceRecordSets"]
        found = {r["SetIdentifier"]: r for r in records if r["Type"] == "A"}
        self.assertEqual(sorted(found), ["primary", "secondary"])
        self.assertEqual((found["primary"]["Region"], found["primary"]["HealthCheckId"]), ("us-east-1", out["CheckId"]))
        self.assertEqual((found["secondary"]["Region"], found["secondary"]["HealthCheckId"]), ("us-west-2", out["Check2Id"]))
        self.assertNotIn("Failover", found["primary"])
        self.destroy()
        self.assertEqual(self.client("route53").list_health_checks()["HealthChecks"], [])

    def test_updates_in_place(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        check = with_props(CHECK, HealthCheckTags=[{"Key": "Name", "Value": "secondary"}])
        check["Properties"]["HealthCheckConfig"] = {**CHECK["Properties"]["HealthCheckConfig"], "ResourcePath": "/ready"}
        zone = with_props(ZONE, HostedZoneConfig={"Comment": "changed"}, HostedZoneTags=[])
        txt = with_props(TXT, TTL=60)
        after = self.update(self.stack(Check=check, Zone=zone, Txt=txt), OUTPUTS)
        self.assertEqual((after["CheckId"], after["ZoneId"]), (out["CheckId"], out["ZoneId"]))
        r53 = self.client("route53")
        self.assertEqual(r53.get_health_check(HealthCheckId=out["CheckId"])["HealthCheck"]["HealthCheckConfig"]["ResourcePath"], "/ready")
        tags = r53.list_tags_for_resource(ResourceType="healthcheck", ResourceId=out["CheckId"])["ResourceTagSet"]["Tags"]
        self.assertEqual(tags, [{"Key": "Name", "Value": "secondary"}])
        self.assertEqual(r53.get_hosted_zone(Id=out["ZoneId"])["HostedZone"]["Config"]["Comment"], "changed")
        self.assertEqual(r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=out["ZoneId"])["ResourceTagSet"]["Tags"], [])
        records = r53.list_resource_record_sets(HostedZoneId=out["ZoneId"])["ResourceRecordSets"]
        self.assertEqual([r["TTL"] for r in records if r["Type"] == "TXT"], [60])
        self.assertEqual(len([r for r in records if r["Type"] == "A"]), 1)

    def test_deleting_the_stack_deletes_them_all(self) -> None:
        self.deploy(self.stack(), OUTPUTS)
        self.destroy()
        r53 = self.client("route53")
        self.assertEqual(r53.list_health_checks()["HealthChecks"], [])
        self.assertEqual(r53.list_hosted_zones()["HostedZones"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")

    def test_deleting_a_record_set_keeps_the_others(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.update({"Check": CHECK, "Zone": ZONE, "Txt": TXT}, {"ZoneId": {"Value": {"Ref": "Zone"}}})
        records = self.client("route53").list_resource_record_sets(HostedZoneId=out["ZoneId"])["ResourceRecordSets"]
        self.assertEqual(sorted(r["Type"] for r in records), ["NS", "SOA", "TXT"])


if __name__ == "__main__":
    import unittest

    unittest.main()
