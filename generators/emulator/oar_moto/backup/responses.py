"""API handlers for the Backup calls ``models.py`` adds to moto's backend, added to moto's
BackupResponse as moto would write them in ``moto/backup/responses.py``. moto's routes for
``/backup/plans/(?P<name>.+)`` already reach BackupResponse, which finds the operation from the
method and path."""

import json
from typing import Any
from urllib.parse import unquote

from moto.backup.responses import BackupResponse


class BackupResponseAdditions:
    body: Any
    path: str
    backup_backend: Any

    def _get_param(self, param_name: str, if_none: Any = None) -> Any:  # provided by BaseResponse
        raise NotImplementedError

    def _plan_and_selection_id(self) -> tuple[str, str]:
        # /backup/plans/{backupPlanId}/selections/ or /backup/plans/{backupPlanId}/selections/{selectionId}
        plan_part, _, selection_part = self.path.split("/backup/plans/", 1)[1].partition("/selections")
        return unquote(plan_part), unquote(selection_part.strip("/"))

    def update_backup_plan(self) -> str:
        params = json.loads(self.body)
        backup_plan_id = unquote(self.path.split("/backup/plans/", 1)[1].strip("/"))
        plan = self.backup_backend.update_backup_plan(
            backup_plan_id=backup_plan_id,
            backup_plan=params.get("BackupPlan"),
        )
        return json.dumps(dict(plan.to_dict()))

    def create_backup_selection(self) -> str:
        params = json.loads(self.body)
        backup_plan_id, _ = self._plan_and_selection_id()
        selection = self.backup_backend.create_backup_selection(
            backup_plan_id=backup_plan_id,
            backup_selection=params.get("BackupSelection") or {},
            creator_request_id=params.get("CreatorRequestId"),
        )
        return json.dumps(selection.to_dict())

    def get_backup_selection(self) -> str:
        backup_plan_id, selection_id = self._plan_and_selection_id()
        selection = self.backup_backend.get_backup_selection(backup_plan_id=backup_plan_id, selection_id=selection_id)
        return json.dumps(selection.to_get_dict())

    def delete_backup_selection(self) -> str:
        backup_plan_id, selection_id = self._plan_and_selection_id()
        self.backup_backend.delete_backup_selection(backup_plan_id=backup_plan_id, selection_id=selection_id)
        return "{}"

    def list_backup_selections(self) -> str:
        backup_plan_id, _ = self._plan_and_selection_id()
        max_results = self._get_param("maxResults")
        selections, next_token = self.backup_backend.list_backup_selections(
            backup_plan_id=backup_plan_id,
            next_token=self._get_param("nextToken"),
            max_results=int(max_results) if max_results else None,
        )
        result: dict[str, Any] = {"BackupSelectionsList": [s.to_list_dict() for s in selections]}
        if next_token:
            result["NextToken"] = next_token
        return json.dumps(result)


for _name, _member in vars(BackupResponseAdditions).items():
    if callable(_member) and _name != "_get_param" and not (_name.startswith("__") and _name.endswith("__")):
        setattr(BackupResponse, _name, _member)
