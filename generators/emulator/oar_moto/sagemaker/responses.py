"""API handler for DeleteModelPackageGroup, which ``models.py`` adds to moto's backend, added to moto's
SageMakerResponse as moto would write it in ``moto/sagemaker/responses.py``."""

from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.sagemaker.responses import SageMakerResponse


class SageMakerResponseAdditions:
    sagemaker_backend: Any

    def _get_param(self, param_name: str, if_none: Any = None) -> Any: ...

    def delete_model_package_group(self) -> ActionResult:
        self.sagemaker_backend.delete_model_package_group(
            model_package_group_name=self._get_param("ModelPackageGroupName"),
        )
        return EmptyResult()


setattr(SageMakerResponse, "delete_model_package_group", SageMakerResponseAdditions.delete_model_package_group)
