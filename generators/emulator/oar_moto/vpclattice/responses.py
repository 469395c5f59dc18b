"""API handlers for the VPC Lattice calls ``models.py`` adds to moto's backend, added to moto's
VPCLatticeResponse as moto would write them in ``moto/vpclattice/responses.py``. moto's routes for
``/servicenetworks/...``, ``/services/...``, ``/targetgroups/...`` and the association paths already
reach VPCLatticeResponse, which finds the operation from the method and path."""

import json
from typing import Any
from urllib.parse import unquote

from moto.vpclattice.responses import VPCLatticeResponse


class VPCLatticeResponseAdditions:
    path: str
    backend: Any

    def _get_param(self, param_name: str, if_none: Any = None) -> Any:  # provided by BaseResponse
        raise NotImplementedError

    def _last(self, from_end: int = 1) -> str:
        return unquote(self.path).rstrip("/").split("/")[-from_end]

    def delete_service_network(self) -> str:
        self.backend.delete_service_network(self._last())
        return "{}"

    def delete_service(self) -> str:
        service = self.backend.delete_service(self._last())
        return json.dumps({"arn": service.arn, "id": service.id, "name": service.name, "status": service.status})

    def delete_service_network_vpc_association(self) -> str:
        a = self.backend.delete_service_network_vpc_association(self._last())
        return json.dumps({"arn": a.arn, "id": a.id, "status": a.status})

    def delete_service_network_service_association(self) -> str:
        a = self.backend.delete_service_network_service_association(self._last())
        return json.dumps({"arn": a.arn, "id": a.id, "status": a.status})

    def delete_target_group(self) -> str:
        group = self.backend.delete_target_group(self._last())
        return json.dumps({"arn": group.arn, "id": group.id, "status": group.status})

    def delete_listener(self) -> str:
        self.backend.delete_listener(self._last(3), self._last())
        return "{}"

    def register_targets(self) -> str:
        done = self.backend.register_targets(self._last(2), self._get_param("targets") or [])
        return json.dumps({"successful": done, "unsuccessful": []})

    def deregister_targets(self) -> str:
        done = self.backend.deregister_targets(self._last(2), self._get_param("targets") or [])
        return json.dumps({"successful": done, "unsuccessful": []})

    def list_targets(self) -> str:
        return json.dumps({"items": self.backend.list_targets(self._last(2))})


for _name, _member in vars(VPCLatticeResponseAdditions).items():
    if callable(_member) and _name != "_get_param" and not (_name.startswith("__") and _name.endswith("__")):
        setattr(VPCLatticeResponse, _name, _member)
