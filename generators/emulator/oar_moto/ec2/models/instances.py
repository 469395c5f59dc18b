"""Fixes to moto's EC2 instances (moto.ec2.models.instances): the network interfaces an instance
creates at launch are deleted when it terminates, as in EC2; an instance gets its image's block
devices overridden by the launch's mappings (instance store and sizeless EBS mappings included),
and a launch that fails leaves nothing behind."""

from typing import Any

from moto.ec2.models.instances import Instance, InstanceBackend

_prep_nics = Instance.prep_nics


def prep_nics(self: Instance, nic_spec: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
    # EC2 sets DeleteOnTermination on an interface it creates at launch unless the request says
    # otherwise; moto sets it only when the request says true, so every terminated instance left
    # its primary interface behind. An attached existing interface (NetworkInterfaceId) keeps its own.
    explicit = {int(n.get("DeviceIndex", 0)): n for n in nic_spec or []}
    _prep_nics(self, nic_spec, *args, **kwargs)
    for index, nic in self.nics.items():
        spec = explicit.get(index, {})
        if "NetworkInterfaceId" not in spec and spec.get("DeleteOnTermination") is not False:
            nic.delete_on_termination = True


Instance.prep_nics = prep_nics  # type: ignore[method-assign]


# --- Block device mappings at launch (moto.ec2.models.instances.InstanceBackend.run_instances)
#
# EC2 launches an instance with its image's block devices, overridden device by device by the
# request's (or its launch template's or launch configuration's) mappings: an EBS mapping without
# VolumeSize or SnapshotId takes the image's snapshot and size for that device, a VirtualName
# mapping (ephemeral0…) maps the instance store (no EBS volume), and NoDevice drops the device.
# moto required a size or snapshot in every mapping ("MissingParameter size/snapshot"), failed on
# a mapping without Ebs, and added its own 8 GiB /dev/sda1 to a template's mappings. A launch that
# fails leaves nothing in EC2; moto kept the instance, its interface and its volumes.

_run_instances = InstanceBackend.run_instances

# moto's own default root volume (Instance.setup_defaults), for an image moto does not know.
DEFAULT_ROOT = {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8, "DeleteOnTermination": True}}


def _image_root(backend: Any, image_id: str | None) -> dict[str, Any] | None:
    """The image's root device mapping, if moto knows the image. moto's images report
    DeleteOnTermination false for it, unlike Amazon's own images: the root volume is deleted with
    the instance, as moto's default root volume is."""
    image = getattr(backend, "amis", {}).get(image_id) if image_id else None
    if image is None:
        return None
    [root] = [m for m in image.block_device_mappings if m["DeviceName"] == image.root_device_name] or [None]
    if root is None:
        return None
    ebs = root["Ebs"]
    return {
        "DeviceName": root["DeviceName"],
        "Ebs": {"VolumeSize": ebs.get("VolumeSize"), "SnapshotId": ebs.get("SnapshotId"), "DeleteOnTermination": True},
    }


def launch_mappings(backend: Any, image_id: str | None, requested: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The EBS volumes an instance of this image gets with these requested mappings, in the shape
    moto's run_instances reads (DeviceName and Ebs)."""
    root = _image_root(backend, image_id)
    devices: dict[str, dict[str, Any]] = {}
    if root is not None:
        devices[root["DeviceName"]] = root
    took_root = False  # for an image moto lacks: a mapping without size stands for its root
    for mapping in requested:
        name = mapping["DeviceName"]
        if mapping.get("NoDevice") is not None:
            devices.pop(name, None)
            continue
        ebs = {k: v for k, v in (mapping.get("Ebs") or {}).items() if v is not None}
        if not ebs:  # VirtualName (ephemeral0…): the instance store, no EBS volume
            devices.pop(name, None)
            continue
        if ebs.get("VolumeSize") is None and ebs.get("SnapshotId") is None:
            base = devices.get(name)
            if base is None and root is None and not took_root:
                base, took_root = DEFAULT_ROOT, True
            if base is not None:
                ebs = {**{k: v for k, v in base["Ebs"].items() if k in ("VolumeSize", "SnapshotId")}, **ebs}
            # else: a new device without a size, which EC2 refuses, and moto's create_volume too
        devices[name] = {"DeviceName": name, "Ebs": ebs}
    if root is None and not took_root:
        devices.setdefault(DEFAULT_ROOT["DeviceName"], DEFAULT_ROOT)
    return list(devices.values())


def run_instances(
    self: InstanceBackend,
    image_id: str,
    count: int,
    user_data: Any,
    security_group_names: list[str],
    **kwargs: Any,
) -> Any:
    requested = kwargs.get("block_device_mappings")
    template = self._get_template_from_args(kwargs["launch_template"]).data if kwargs.get("launch_template") else {}
    if not requested:
        if template:
            requested = template.get("BlockDeviceMappings")
        elif kwargs.get("launch_config"):
            requested = kwargs["launch_config"].block_device_mapping_dict
    # Passed as the request's own mappings, so that moto adds no default root volume of its own.
    kwargs["block_device_mappings"] = launch_mappings(self, image_id or template.get("ImageId"), requested or [])
    before = (set(self.reservations), set(self.enis), set(self.volumes))  # type: ignore[attr-defined]
    try:
        return _run_instances(self, image_id, count, user_data, security_group_names, **kwargs)
    except Exception:
        _undo_launch(self, *before)
        raise


def _undo_launch(backend: Any, reservations: set[str], enis: set[str], volumes: set[str]) -> None:
    """Removes what a failed launch made: its instances, their interfaces and volumes."""
    for reservation_id in set(backend.reservations) - reservations:
        for instance in backend.reservations[reservation_id].instances:
            instance.terminate()
        del backend.reservations[reservation_id]
    for eni_id in set(backend.enis) - enis:
        backend.enis.pop(eni_id, None)
    for volume_id in set(backend.volumes) - volumes:
        backend.volumes.pop(volume_id, None)


InstanceBackend.run_instances = run_instances  # type: ignore[method-assign]
