"""AWS::EKS::Cluster, created through moto's EKS backend (create_cluster, update_cluster_config,
delete_cluster).

moto's backend has no API for access entries, add-ons or Pod Identity associations, so this
module models only the cluster. Its CreateCluster takes fewer fields than the API has today:
the fields it does not take (accessConfig, computeConfig, storageConfig, upgradePolicy,
zonalShiftConfig, bootstrapSelfManagedAddons, deletionProtection) are kept on moto's cluster
object under the API's names, so DescribeCluster returns them as EKS does. Like EKS, the
cluster gets a cluster security group in its VPC, deleted with it.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.eks.models import Cluster as MotoCluster
from moto.eks.models import EKSBackend, eks_backends

# The CreateCluster fields moto's backend does not take, by their CloudFormation names.
EXTRA_FIELDS = {
    "AccessConfig": "access_config",
    "ComputeConfig": "compute_config",
    "StorageConfig": "storage_config",
    "UpgradePolicy": "upgrade_policy",
    "ZonalShiftConfig": "zonal_shift_config",
}

ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def _backend(account_id: str, region_name: str) -> EKSBackend:
    return eks_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    """A CloudFormation boolean, which may arrive as a string."""
    return str(value).lower() == "true"


def _api(value: Any) -> Any:
    """A CloudFormation property value in the API's shape: camelCase keys, real booleans."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _api(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_api(v) for v in value]
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _logging(props: dict[str, Any]) -> dict[str, Any]:
    """ClusterLogging.EnabledTypes as the API's logging: enabled types, and the rest disabled."""
    enabled = [t["Type"] for t in (props.get("Logging") or {}).get("ClusterLogging", {}).get("EnabledTypes", [])]
    disabled = [t for t in ALL_LOG_TYPES if t not in enabled]
    groups = []
    if enabled:
        groups.append({"types": enabled, "enabled": True})
    if disabled:
        groups.append({"types": disabled, "enabled": False})
    return {"clusterLogging": groups}


def _vpc_config(props: dict[str, Any]) -> dict[str, Any]:
    """ResourcesVpcConfig with EKS's defaults: public endpoint on for any address, private off."""
    config = _api(props["ResourcesVpcConfig"])
    config.setdefault("endpointPublicAccess", True)
    config.setdefault("endpointPrivateAccess", False)
    config.setdefault("publicAccessCidrs", ["0.0.0.0/0"])
    config.setdefault("securityGroupIds", [])
    return config


def _network_config(props: dict[str, Any]) -> dict[str, Any]:
    """KubernetesNetworkConfig with EKS's defaults: IPv4, with a service range EKS picks when none is given."""
    config = _api(props.get("KubernetesNetworkConfig") or {})
    config.setdefault("ipFamily", "ipv4")
    if config["ipFamily"] == "ipv4":
        config.setdefault("serviceIpv4Cidr", "172.20.0.0/16")
    return config


class Cluster(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-eks-cluster.html
        return "AWS::EKS::Cluster"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def cluster(self) -> MotoCluster:
        return _backend(self.account_id, self.region_name).describe_cluster(self.name)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "Arn",
            "CertificateAuthorityData",
            "ClusterSecurityGroupId",
            "EncryptionConfigKeyArn",
            "Endpoint",
            "Id",
            "KubernetesNetworkConfig.ServiceIpv4Cidr",
            "KubernetesNetworkConfig.ServiceIpv6Cidr",
            "OpenIdConnectIssuerUrl",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        cluster = self.cluster
        if attribute_name == "Arn":
            return cluster.arn
        if attribute_name == "CertificateAuthorityData":
            return cluster.certificate_authority["data"]
        if attribute_name == "ClusterSecurityGroupId":
            return cluster.resources_vpc_config["clusterSecurityGroupId"]
        if attribute_name == "EncryptionConfigKeyArn":
            configs = cluster.encryption_config or [{}]
            return configs[0].get("provider", {}).get("keyArn", "")
        if attribute_name == "Endpoint":
            return cluster.endpoint
        if attribute_name == "KubernetesNetworkConfig.ServiceIpv4Cidr":
            return cluster.kubernetes_network_config.get("serviceIpv4Cidr", "")
        if attribute_name == "KubernetesNetworkConfig.ServiceIpv6Cidr":
            return cluster.kubernetes_network_config.get("serviceIpv6Cidr", "")
        if attribute_name == "OpenIdConnectIssuerUrl":
            return cluster.identity["oidc"]["issuer"]
        # Id is the id of a local cluster on AWS Outposts, which moto does not model.
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _set_extra_fields(cluster: MotoCluster, props: dict[str, Any]) -> None:
        for prop, attr in EXTRA_FIELDS.items():
            setattr(cluster, attr, _api(props[prop]) if prop in props else None)
        access = cluster.access_config or {}
        # EKS's defaults when AccessConfig leaves them out.
        access.setdefault("authenticationMode", "CONFIG_MAP")
        access.pop("bootstrapClusterCreatorAdminPermissions", None)  # a create-time input, not returned
        cluster.access_config = access
        if cluster.upgrade_policy is None:
            cluster.upgrade_policy = {"supportType": "EXTENDED"}
        cluster.deletion_protection = _bool(props.get("DeletionProtection", False))
        cluster.bootstrap_self_managed_addons = _bool(props.get("BootstrapSelfManagedAddons", True))

    @staticmethod
    def _create_cluster_security_group(cluster: MotoCluster, account_id: str, region_name: str) -> None:
        ec2 = ec2_backends[account_id][region_name]
        [subnet] = ec2.describe_subnets(subnet_ids=cluster.resources_vpc_config["subnetIds"][:1])
        group = ec2.create_security_group(
            name=f"eks-cluster-sg-{cluster.name}-{cluster.arn.split(':')[4][-6:]}",
            description="EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.",
            vpc_id=subnet.vpc_id,
            tags={"aws:eks:cluster-name": cluster.name, f"kubernetes.io/cluster/{cluster.name}": "owned"},
        )
        cluster.resources_vpc_config["vpcId"] = subnet.vpc_id
        cluster.resources_vpc_config["clusterSecurityGroupId"] = group.id

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Cluster":
        props = cloudformation_json["Properties"]
        name = props.get("Name", resource_name)
        cluster = _backend(account_id, region_name).create_cluster(
            name=name,
            role_arn=props["RoleArn"],
            resources_vpc_config=_vpc_config(props),
            version=props.get("Version"),
            kubernetes_network_config=_network_config(props),
            logging=_logging(props),
            tags={t["Key"]: t["Value"] for t in props.get("Tags", [])},
            encryption_config=_api(props.get("EncryptionConfig")),
            remote_network_config=_api(props.get("RemoteNetworkConfig")),
        )
        cls._set_extra_fields(cluster, props)
        cls._create_cluster_security_group(cluster, account_id, region_name)
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Cluster",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Cluster":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        if name != original_resource.name:
            # A new name replaces the cluster.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name)
        cluster = backend.describe_cluster(name)
        vpc_config = _vpc_config(props)
        for kept in ("vpcId", "clusterSecurityGroupId"):
            vpc_config[kept] = cluster.resources_vpc_config[kept]
        backend.update_cluster_config(
            name=name,
            resources_vpc_config=vpc_config,
            logging=_logging(props),
            kubernetes_network_config=_network_config(props),
            remote_network_config=_api(props.get("RemoteNetworkConfig")),
        )
        # UpdateClusterVersion, AssociateEncryptionConfig and the Auto Mode fields of
        # UpdateClusterConfig, which moto's backend does not take.
        if props.get("Version"):
            cluster.version = props["Version"]
        if props.get("EncryptionConfig"):
            cluster.encryption_config = _api(props["EncryptionConfig"])
        cluster.tags = {t["Key"]: t["Value"] for t in props.get("Tags", [])}
        cls._set_extra_fields(cluster, props)
        return original_resource

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
        if self.name not in backend.clusters:
            return
        cluster = backend.clusters[self.name]
        if getattr(cluster, "deletion_protection", False):
            raise ValueError(f"Cluster {self.name} has deletion protection enabled; disable it before deleting")
        backend.delete_cluster(self.name)
        group_id = cluster.resources_vpc_config.get("clusterSecurityGroupId")
        if group_id:
            ec2_backends[account_id][region_name].delete_security_group(group_id=group_id)
