"""Every resource moto's backends hold, by service, account and region.

moto keeps no list of live resources: ``/moto-api/data.json`` lists every instance ever
made, deleted ones included. So this walks the backends that are in use and lists the
model objects held in their collections (a dict or list attribute, or a dict of them,
as EC2 keeps subnets by zone). Comparing two inventories shows what a destroy left.
"""

import itertools
import weakref
from collections.abc import Mapping
from typing import Any

# Records, not resources: CloudFormation keeps deleted stacks, STS sessions and moto's own state.
NOT_RESOURCES = {"cloudformation", "sts", "moto_api", "core"}


def _models(value: Any) -> list[tuple[str, Any]]:
    from moto.core.common_models import BaseModel

    if isinstance(value, BaseModel):
        return [("", value)]
    found: list[tuple[str, Any]] = []
    if isinstance(value, Mapping):  # RDS keeps its collections in a CaseInsensitiveDict
        for key, item in value.items():
            if isinstance(item, BaseModel):
                found.append((str(key), item))
            elif isinstance(item, (Mapping, list)):
                found.extend((f"{key}/{k}" if k else str(key), m) for k, m in _models_shallow(item))
    elif isinstance(value, list):
        found.extend((str(i), item) for i, item in enumerate(value) if isinstance(item, BaseModel))
    return found


def _models_shallow(value: Any) -> list[tuple[str, Any]]:
    from moto.core.common_models import BaseModel

    items = value.items() if isinstance(value, Mapping) else enumerate(value)
    return [(str(k), v) for k, v in items if isinstance(v, BaseModel)]


def _label(key: str, model: Any) -> str:
    for attr in ("arn", "physical_resource_id", "id", "name"):
        try:
            v = getattr(model, attr, None)
        except Exception:  # a property that needs state the model lacks
            continue
        if isinstance(v, str) and v:
            return v
    return key


def _is_session(service: str, collection: str, key: str) -> bool:
    # moto keeps the temporary credentials AssumeRole hands out (ASIA…) among IAM's access
    # keys; they are sessions that expire, not resources a stack made. IAM's account summary,
    # made per partition on first use, is a view of the account, not a resource.
    if service == "iam" and collection == "account_summary":
        return True
    # RDS's resource_map lists again, by ARN, what its other collections hold.
    if service == "rds" and collection == "resource_map":
        return True
    return service == "iam" and collection == "access_keys" and key.startswith("ASIA")


def _is_aws_managed(model: Any) -> bool:
    # An AWS managed KMS key (alias/aws/dynamodb…) or a service-linked role is made on a
    # service's first use in the account and kept by AWS; it belongs to no stack. moto makes
    # some managed keys as customer keys with the managed alias. A hosted zone's own
    # delegation set (moto lists it with id "") is part of the zone, not a reusable set.
    if getattr(model, "key_manager", None) == "AWS":
        return True
    if str(getattr(model, "path", "")).startswith("/aws-service-role/"):
        return True
    if type(model).__name__ == "DelegationSet" and getattr(model, "id", None) == "":
        return True
    # RDS makes its default parameter groups (default.aurora-postgresql17) on first use.
    name = getattr(model, "name", None)
    if "ParameterGroup" in type(model).__name__ and isinstance(name, str) and name.startswith("default."):
        return True
    aliases = getattr(model, "aliases", None)
    return isinstance(aliases, Mapping) and any(str(a).startswith("alias/aws/") for a in aliases)


def _is_another_accounts(model: Any, account: str) -> bool:
    # The public images moto lists in every EC2 backend (Amazon's, Canonical's: over a thousand a
    # Region, each with its snapshot) belong to their owners, and AWS managed policies (listed twice
    # in each of six partitions) to AWS: no stack of this account can make one. Listing them made an
    # inventory of the 22 Regions some templates name 65,000 rows, read twice an entry.
    owner = getattr(model, "owner_id", None)
    if isinstance(owner, str) and owner.isdigit() and owner != account:
        return True
    try:
        arn = getattr(model, "arn", None)
    except Exception:  # a property that needs state the model lacks
        return False
    return isinstance(arn, str) and arn.startswith("arn:") and arn.split(":")[4:5] == ["aws"]


def _state(model: Any) -> str:
    """The lifecycle state a model reports, if any: a terminated instance or a key pending
    deletion is still listed by AWS, so a caller may treat it as gone."""
    for attr in ("key_state", "state", "status", "_state"):
        try:
            v = getattr(model, attr, None)
        except Exception:
            continue
        if isinstance(v, str):
            return v
        name = getattr(v, "name", None)  # an EC2 instance's state is an object with a name
        if isinstance(name, str):
            return name
    if getattr(model, "deletion_date", None):  # a deleted backup plan, which AWS still lists
        return "deleted"
    return ""


_refs: dict[int, tuple[Any, int]] = {}
_next_ref = itertools.count(1)


def _ref(model: Any) -> int:
    """A number for this object, the same for as long as it lives, never reused: on an emulator
    that entries share, what an earlier entry left under an id tells apart from a new object
    under the same id, which is then new."""
    held = _refs.get(id(model))
    if held is not None and (held[0]() if isinstance(held[0], weakref.ref) else held[0]) is model:
        return held[1]
    try:
        handle: Any = weakref.ref(model)
    except TypeError:  # a model without weak references: hold it, so its id() is not reused
        handle = model
    ref = next(_next_ref)
    _refs[id(model)] = (handle, ref)
    return ref


def inventory() -> list[dict[str, Any]]:
    """[{service, account, region, collection, type, id, state, ref}], sorted; ref is _ref()."""
    from moto.core.base_backend import BackendDict

    rows: list[dict[str, Any]] = []
    for backends in list(BackendDict._instances):  # noqa: SLF001 (moto's registry of backends in use)
        if backends.service_name in NOT_RESOURCES:
            continue
        for account, regional in list(backends.items()):
            for region, backend in list(regional.items()):
                for attr, value in list(vars(backend).items()):
                    if attr.startswith("_"):
                        continue
                    for key, model in _models(value):
                        if (
                            _is_session(backends.service_name, attr, key)
                            or _is_aws_managed(model)
                            or _is_another_accounts(model, account)
                        ):
                            continue
                        rows.append(
                            {
                                "service": backends.service_name,
                                "account": account,
                                "region": region,
                                "collection": attr,
                                "type": type(model).__name__,
                                "id": _label(key, model),
                                "state": _state(model),
                                "ref": _ref(model),
                            }
                        )
    unique = {tuple(sorted(r.items())): r for r in rows}
    return sorted(unique.values(), key=lambda r: (r["service"], r["collection"], r["id"]))


def touch_backends(regions: list[str]) -> int:
    """Creates the backend of every service that has a CloudFormation model, in each region
    (and, for global services such as IAM, every partition: a request with temporary
    credentials makes moto create IAM in each one, with its AWS managed policies), so that the defaults moto makes on first use (the default
    VPC, AWS-owned images, the default event bus) exist before a baseline inventory.
    Returns how many backends exist afterwards."""
    import importlib

    from moto.cloudformation.parsing import get_model_map
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.core.base_backend import BackendDict
    from moto.utilities.utils import PARTITION_NAMES

    services = {
        model.__module__.split(".")[1]
        for model in get_model_map().values()
        if model.__module__.startswith(("moto.", "oar_moto."))
    }
    for service in sorted(services):
        module = importlib.import_module(f"moto.{service}.models")
        for value in vars(module).values():
            if isinstance(value, BackendDict):
                account = value[DEFAULT_ACCOUNT_ID]
                for region in [*regions, "global", *PARTITION_NAMES]:
                    if region in account.regions:
                        _ = account[region]
    return len(BackendDict._instances)  # noqa: SLF001
