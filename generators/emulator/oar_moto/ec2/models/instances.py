"""Fix to moto's EC2 instances (moto.ec2.models.instances): the network interfaces an instance
creates at launch are deleted when it terminates, as in EC2."""

from typing import Any

from moto.ec2.models.instances import Instance

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
