"""moto's AWS::Route53 models (HealthCheck, HostedZone, RecordSet) with what they lack for
CloudFormation.

moto's HealthCheck reads only part of HealthCheckConfig, ignores HealthCheckTags, answers no
Fn::GetAtt (HealthCheckId), cannot update and never deletes. Its HostedZone ignores everything but
Name (so a private zone was made public), answers no Fn::GetAtt (Id, NameServers), cannot update
and never deletes. Its RecordSet keeps the template's shape instead of the API's (the name without
its final dot, ResourceRecords and TTL as CloudFormation gives them), so ListResourceRecordSets
answered otherwise than for a record made through the API.

The backend makes moto's objects; each is re-classed in place as the subclass here, which adds
only CloudFormation behaviour, so that the backend keeps serving the same object.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.route53.exceptions import NoSuchHostedZone
from moto.route53.models import FakeZone, HealthCheck as MotoHealthCheck, RecordSet as MotoRecordSet
from moto.route53.models import Route53Backend, route53_backends
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> Route53Backend:
    return route53_backends[account_id][get_partition(region_name)]


def _bool(value: Any) -> bool | None:
    return None if value is None else str(value).lower() == "true"


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _put_tags(backend: Route53Backend, resource_type: str, resource_id: str, tags: list[dict[str, str]] | None) -> None:
    """Makes the resource's tags exactly the template's (ChangeTagsForResource)."""
    wanted = {t["Key"]: t["Value"] for t in tags or []}
    gone = [k for k in backend.list_tags_for_resource(resource_id) if k not in wanted]
    backend.change_tags_for_resource(
        resource_type, resource_id, [{"Key": k, "Value": v} for k, v in wanted.items()], gone
    )


class HealthCheck(MotoHealthCheck, CloudFormationModel):
    """moto's model, which reads only part of HealthCheckConfig and ignores HealthCheckTags.
    Not stored by moto's backend, so ignored: AlarmIdentifier, InsufficientDataHealthStatus,
    RoutingControlArn."""

    @staticmethod
    def _args(config: dict[str, Any]) -> dict[str, Any]:
        """HealthCheckConfig as moto's backend takes it (the API handler's names and types)."""
        return {
            "ip_address": config.get("IPAddress"),
            "port": _int(config.get("Port")),
            "type": config["Type"],
            "resource_path": config.get("ResourcePath"),
            "fqdn": config.get("FullyQualifiedDomainName"),
            "search_string": config.get("SearchString"),
            "request_interval": _int(config.get("RequestInterval")),
            "failure_threshold": _int(config.get("FailureThreshold")),
            "health_threshold": _int(config.get("HealthThreshold")),
            "measure_latency": _bool(config.get("MeasureLatency")),
            "inverted": _bool(config.get("Inverted")),
            "disabled": _bool(config.get("Disabled")),
            "enable_sni": _bool(config.get("EnableSNI")),
            "children": config.get("ChildHealthChecks", []),
            "regions": config.get("Regions", []),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "HealthCheck":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        check = backend.create_health_check(
            caller_reference=resource_name, health_check_args=cls._args(props["HealthCheckConfig"])
        )
        check.__class__ = cls
        assert isinstance(check, cls)
        if props.get("HealthCheckTags"):
            _put_tags(backend, "healthcheck", check.id, props["HealthCheckTags"])
        return check

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "HealthCheck",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "HealthCheck":
        props = cloudformation_json["Properties"]
        old = original_resource
        args = cls._args(props["HealthCheckConfig"])
        # UpdateHealthCheck cannot change the type, request interval or latency measurement:
        # CloudFormation replaces the health check.
        if (
            args["type"] != old.type_
            or (args["request_interval"] or 30) != old.request_interval
            or bool(args["measure_latency"]) != bool(old.measure_latency)
        ):
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.update_health_check(old.id, args)
        _put_tags(backend, "healthcheck", old.id, props.get("HealthCheckTags"))
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["HealthCheckId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "HealthCheckId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _delete(backend: Route53Backend, health_check_id: str) -> None:
        backend.delete_health_check(health_check_id)
        backend.resource_tags.pop(health_check_id, None)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._delete(_backend(account_id, region_name), resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete(_backend(account_id, region_name), self.id)


class HostedZone(FakeZone, CloudFormationModel):
    """moto's model, which ignores HostedZoneConfig, VPCs, HostedZoneTags and QueryLoggingConfig.
    Not stored by moto's backend, so ignored: HostedZoneFeatures."""

    @staticmethod
    def _vpcs(props: dict[str, Any]) -> list[tuple[str, str]]:
        return [(v["VPCId"], v["VPCRegion"]) for v in props.get("VPCs", [])]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "HostedZone":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        vpcs = cls._vpcs(props)
        name = resource_name if resource_name.endswith(".") else f"{resource_name}."
        zone = backend.create_hosted_zone(
            name,
            private_zone=bool(vpcs),
            vpcid=vpcs[0][0] if vpcs else None,
            vpcregion=vpcs[0][1] if vpcs else None,
            comment=(props.get("HostedZoneConfig") or {}).get("Comment"),
        )
        zone.__class__ = cls
        assert isinstance(zone, cls)
        for vpc_id, vpc_region in vpcs[1:]:
            backend.associate_vpc_with_hosted_zone(zone.resource_id, vpc_id, vpc_region)
        if props.get("HostedZoneTags"):
            _put_tags(backend, "hostedzone", zone.resource_id, props["HostedZoneTags"])
        log_group = (props.get("QueryLoggingConfig") or {}).get("CloudWatchLogsLogGroupArn")
        if log_group:
            backend.create_query_logging_config(zone.resource_id, log_group)
        return zone

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "HostedZone",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "HostedZone":
        props = cloudformation_json["Properties"]
        old = original_resource
        if props["Name"].rstrip(".") != old.name.rstrip("."):  # a new name replaces the zone
            new = cls.create_from_cloudformation_json(props["Name"], cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.update_hosted_zone_comment(old.resource_id, (props.get("HostedZoneConfig") or {}).get("Comment", ""))
        vpcs = cls._vpcs(props)
        wanted = {vpc_id for vpc_id, _ in vpcs}
        have = {v.get("vpc_id") for v in old.vpcs}
        for vpc_id, vpc_region in vpcs:
            if vpc_id not in have:
                backend.associate_vpc_with_hosted_zone(old.resource_id, vpc_id, vpc_region)
        for vpc_id in have - wanted:
            if vpc_id:
                backend.disassociate_vpc_from_hosted_zone(old.resource_id, vpc_id)
        _put_tags(backend, "hostedzone", old.resource_id, props.get("HostedZoneTags"))
        log_group = (props.get("QueryLoggingConfig") or {}).get("CloudWatchLogsLogGroupArn")
        current = old._query_logging_configs(backend)
        if [c.cloud_watch_logs_log_group_arn for c in current] != ([log_group] if log_group else []):
            for config in current:
                backend.delete_query_logging_config(config.id)
            if log_group:
                backend.create_query_logging_config(old.resource_id, log_group)
        return old

    def _query_logging_configs(self, backend: Route53Backend) -> list[Any]:
        return [c for c in backend.query_logging_configs.values() if c.hosted_zone_id == self.resource_id]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "NameServers"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-route53-hostedzone.html#aws-resource-route53-hostedzone-return-values
        if attribute_name == "Id":
            return self.resource_id
        if attribute_name == "NameServers":
            # "This attribute is not supported for private hosted zones."
            if self.private_zone or not self.delegation_set:
                return []
            return list(self.delegation_set.name_servers)
        raise UnformattedGetAttTemplateException()

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        try:
            zone = backend.get_hosted_zone(resource_name)
        except NoSuchHostedZone:
            return
        cls._delete(backend, zone)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete(_backend(account_id, region_name), self)

    @staticmethod
    def _delete(backend: Route53Backend, zone: FakeZone) -> None:
        # DeleteHostedZone fails while the zone holds records other than its NS and SOA
        # (HostedZoneNotEmpty); the stack's delete then tries again after its record sets are gone.
        backend.delete_hosted_zone(zone.resource_id)
        for config in [c for c in backend.query_logging_configs.values() if c.hosted_zone_id == zone.resource_id]:
            backend.delete_query_logging_config(config.id)
        backend.resource_tags.pop(zone.resource_id, None)
        # The zone's own delegation set (moto makes one per zone, then blanks its id) goes with it.
        for key, delegation_set in list(backend.delegation_sets.items()):
            if delegation_set is zone.delegation_set and not delegation_set.id:
                backend.delete_reusable_delegation_set(key)


class RecordSet(MotoRecordSet, CloudFormationModel):
    """moto's model, which stores the template's shape rather than the API's. Created and deleted
    through ChangeResourceRecordSets, as the API does.
    Not stored by moto's backend, so ignored: CidrRoutingConfig, GeoProximityLocation."""

    @staticmethod
    def _record(props: dict[str, Any]) -> dict[str, Any]:
        """The template's record set as ChangeResourceRecordSets takes it."""
        record: dict[str, Any] = {"Name": props["Name"], "Type": props["Type"]}
        for key in ("SetIdentifier", "Region", "Failover", "GeoLocation", "HealthCheckId", "MultiValueAnswer"):
            if key in props:
                record[key] = props[key]
        if "MultiValueAnswer" in record:
            record["MultiValueAnswer"] = _bool(record["MultiValueAnswer"])
        if "Weight" in props:
            record["Weight"] = int(props["Weight"])
        if "TTL" in props:
            record["TTL"] = int(props["TTL"])
        if "ResourceRecords" in props:
            record["ResourceRecords"] = [{"Value": v} for v in props["ResourceRecords"]]
        if "AliasTarget" in props:
            alias = props["AliasTarget"]
            record["AliasTarget"] = {
                "HostedZoneId": alias["HostedZoneId"],
                "DNSName": alias["DNSName"],
                "EvaluateTargetHealth": bool(_bool(alias.get("EvaluateTargetHealth", False))),
            }
        return record

    @staticmethod
    def _zone(backend: Route53Backend, props: dict[str, Any]) -> FakeZone:
        if props.get("HostedZoneId"):
            return backend.get_hosted_zone(props["HostedZoneId"])
        name = props["HostedZoneName"]
        zone = backend.get_hosted_zone_by_name(name if name.endswith(".") else f"{name}.")
        if zone is None:
            raise NoSuchHostedZone(name)
        return zone

    def _find(self, zone: FakeZone) -> "RecordSet | None":
        for record in zone.rrsets:
            if (record.name, record.type, record.set_identifier) == (self.name, self.type, self.set_identifier):
                return record  # type: ignore[return-value]
        return None

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "RecordSet":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        zone = cls._zone(backend, props)
        backend.change_resource_record_sets(zone.resource_id, [{"Action": "CREATE", "ResourceRecordSet": cls._record(props)}])
        record = zone.rrsets[-1]
        record.__class__ = cls
        assert isinstance(record, cls)
        record.hosted_zone_id = zone.resource_id
        return record

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RecordSet",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RecordSet":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @property
    def physical_resource_id(self) -> str:
        return self.name.rstrip(".")  # the record's name, as CloudFormation gives it

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        try:
            zone = backend.get_hosted_zone(self.hosted_zone_id)  # type: ignore[arg-type]
        except NoSuchHostedZone:
            return
        # moto's DELETE of a set with a SetIdentifier drops every set of that identifier in the
        # zone, whatever its name; this removes exactly this record set, as AWS does.
        zone.rrsets = [r for r in zone.rrsets if r is not self and (r.name, r.type, r.set_identifier) != (self.name, self.type, self.set_identifier)]

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # Only reached without the object; moto's own delete by name and type.
        MotoRecordSet.delete_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name)
