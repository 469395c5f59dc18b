"""API handlers for the Service Catalog calls ``models.py`` adds to moto's backend, added to
moto's ServiceCatalogResponse as moto would write them in ``moto/servicecatalog/responses.py``."""

import json
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.servicecatalog.responses import ServiceCatalogResponse


class ServiceCatalogResponseAdditions:
    body: Any
    servicecatalog_backend: Any

    def create_tag_option(self) -> ActionResult:
        params = json.loads(self.body)
        tag_option = self.servicecatalog_backend.create_tag_option(key=params.get("Key"), value=params.get("Value"))
        return ActionResult({"TagOptionDetail": tag_option.to_dict()})

    def describe_tag_option(self) -> ActionResult:
        params = json.loads(self.body)
        tag_option = self.servicecatalog_backend.describe_tag_option(params.get("Id"))
        return ActionResult({"TagOptionDetail": tag_option.to_dict()})

    def update_tag_option(self) -> ActionResult:
        params = json.loads(self.body)
        tag_option = self.servicecatalog_backend.update_tag_option(
            params.get("Id"), value=params.get("Value"), active=params.get("Active")
        )
        return ActionResult({"TagOptionDetail": tag_option.to_dict()})

    def delete_tag_option(self) -> EmptyResult:
        params = json.loads(self.body)
        self.servicecatalog_backend.delete_tag_option(params.get("Id"))
        return EmptyResult()

    def list_tag_options(self) -> ActionResult:
        params = json.loads(self.body)
        tag_options = self.servicecatalog_backend.list_tag_options(params.get("Filters"))
        return ActionResult({"TagOptionDetails": [t.to_dict() for t in tag_options]})

    def associate_tag_option_with_resource(self) -> EmptyResult:
        params = json.loads(self.body)
        self.servicecatalog_backend.associate_tag_option_with_resource(
            resource_id=params.get("ResourceId"), tag_option_id=params.get("TagOptionId")
        )
        return EmptyResult()

    def disassociate_tag_option_from_resource(self) -> EmptyResult:
        params = json.loads(self.body)
        self.servicecatalog_backend.disassociate_tag_option_from_resource(
            resource_id=params.get("ResourceId"), tag_option_id=params.get("TagOptionId")
        )
        return EmptyResult()

    def list_resources_for_tag_option(self) -> ActionResult:
        params = json.loads(self.body)
        details = self.servicecatalog_backend.list_resources_for_tag_option(
            params.get("TagOptionId"), resource_type=params.get("ResourceType")
        )
        return ActionResult({"ResourceDetails": details})

    def update_portfolio(self) -> ActionResult:
        params = json.loads(self.body)
        detail, tags = self.servicecatalog_backend.update_portfolio(
            accept_language=params.get("AcceptLanguage"),
            id=params.get("Id"),
            display_name=params.get("DisplayName"),
            description=params.get("Description"),
            provider_name=params.get("ProviderName"),
            add_tags=params.get("AddTags"),
            remove_tags=params.get("RemoveTags"),
        )
        return ActionResult({"PortfolioDetail": detail, "Tags": tags})


for _name, _member in vars(ServiceCatalogResponseAdditions).items():
    if callable(_member) and not _name.startswith("_"):
        setattr(ServiceCatalogResponse, _name, _member)
