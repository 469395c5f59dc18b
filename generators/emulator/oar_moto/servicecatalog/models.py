"""Service Catalog for moto 5.2.1: the calls its backend lacks, and CloudFormation models.

moto's Service Catalog backend has portfolios, portfolio shares and products, but no
TagOptions: CreateTagOption, DescribeTagOption, UpdateTagOption, DeleteTagOption,
ListTagOptions, AssociateTagOptionWithResource, DisassociateTagOptionFromResource and
ListResourcesForTagOption are missing, and DescribePortfolio always answers no TagOptions.
UpdatePortfolio is missing too. This module adds them to the backend, as moto would in
``moto/servicecatalog/models.py``; ``responses.py`` beside it serves them through the API
(Service Catalog is a JSON API on one path, so no routes are needed).

CloudFormation models: AWS::ServiceCatalog::Portfolio, AWS::ServiceCatalog::TagOption and
AWS::ServiceCatalog::TagOptionAssociation.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.exceptions import JsonRESTError
from moto.core.utils import utcnow
from moto.moto_api._internal import mock_random as random
from moto.servicecatalog.exceptions import ResourceNotFoundException
from moto.servicecatalog.models import Portfolio, ServiceCatalogBackend, servicecatalog_backends


class DuplicateResourceException(JsonRESTError):
    code = 400

    def __init__(self, message: str):
        super().__init__("DuplicateResourceException", message)


class ResourceInUseException(JsonRESTError):
    code = 400

    def __init__(self, message: str):
        super().__init__("ResourceInUseException", message)


def _true(value: Any) -> bool:
    return str(value).lower() == "true"


class TagOption(CloudFormationModel):
    """A TagOption: a key and one value that an administrator allows for it."""

    def __init__(self, key: str, value: str, owner: str) -> None:
        self.id = "tag-" + random.get_random_string(length=13, lower_case=True)
        self.key = key
        self.value = value
        self.active = True
        self.owner = owner
        self.created_time = utcnow()

    def to_dict(self) -> dict[str, Any]:
        return {"Key": self.key, "Value": self.value, "Active": self.active, "Id": self.id, "Owner": self.owner}

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-servicecatalog-tagoption.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ServiceCatalog::TagOption"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TagOption":
        props = cloudformation_json["Properties"]
        backend = servicecatalog_backends[account_id][region_name]
        tag_option = backend.create_tag_option(key=props["Key"], value=props["Value"])
        if "Active" in props and not _true(props["Active"]):
            backend.update_tag_option(tag_option.id, value=None, active=False)
        return tag_option

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TagOption",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TagOption":
        props = cloudformation_json["Properties"]
        if props["Key"] != original_resource.key or props["Value"] != original_resource.value:
            # Key and Value require replacement
            tag_option = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return tag_option
        backend = servicecatalog_backends[account_id][region_name]
        return backend.update_tag_option(original_resource.id, value=None, active=_true(props.get("Active", True)))

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = servicecatalog_backends[account_id][region_name]
        if resource_name in backend.tag_options:
            backend.delete_tag_option(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


class TagOptionAssociation(CloudFormationModel):
    """A TagOption associated with a portfolio or a product."""

    def __init__(self, resource_id: str, tag_option_id: str) -> None:
        self.resource_id = resource_id
        self.tag_option_id = tag_option_id
        self.created_time = utcnow()

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-servicecatalog-tagoptionassociation.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ServiceCatalog::TagOptionAssociation"

    @property
    def physical_resource_id(self) -> str:
        # "an identifier for the association": AWS documents no format
        return f"{self.tag_option_id}|{self.resource_id}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TagOptionAssociation":
        props = cloudformation_json["Properties"]
        backend = servicecatalog_backends[account_id][region_name]
        return backend.associate_tag_option_with_resource(resource_id=props["ResourceId"], tag_option_id=props["TagOptionId"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TagOptionAssociation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TagOptionAssociation":
        # Both properties require replacement.
        association = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return association

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = servicecatalog_backends[account_id][region_name]
        association = backend.tag_option_associations.get(resource_name)
        if association is not None:  # gone already when its portfolio or product was deleted
            backend.disassociate_tag_option_from_resource(association.resource_id, association.tag_option_id)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


class ServiceCatalogBackendAdditions:
    """The TagOption calls and UpdatePortfolio; their methods are added to moto's
    ServiceCatalogBackend (see ``_add_to_backend``)."""

    tag_options: dict[str, TagOption]
    tag_option_associations: dict[str, TagOptionAssociation]
    portfolios: dict[str, Portfolio]
    products: dict[str, Any]
    account_id: str

    def create_tag_option(self, key: str, value: str) -> TagOption:
        if any(t.key == key and t.value == value for t in self.tag_options.values()):
            raise DuplicateResourceException(f"TagOption with key {key} and value {value} already exists.")
        tag_option = TagOption(key, value, owner=self.account_id)
        self.tag_options[tag_option.id] = tag_option
        return tag_option

    def describe_tag_option(self, tag_option_id: str) -> TagOption:
        if tag_option_id not in self.tag_options:
            raise ResourceNotFoundException(f"TagOption {tag_option_id} not found.")
        return self.tag_options[tag_option_id]

    def update_tag_option(self, tag_option_id: str, value: str | None, active: bool | None) -> TagOption:
        tag_option = self.describe_tag_option(tag_option_id)
        if value is not None and value != tag_option.value:
            if any(t.key == tag_option.key and t.value == value for t in self.tag_options.values()):
                raise DuplicateResourceException(f"TagOption with key {tag_option.key} and value {value} already exists.")
            tag_option.value = value
        if active is not None:
            tag_option.active = active
        return tag_option

    def delete_tag_option(self, tag_option_id: str) -> None:
        self.describe_tag_option(tag_option_id)
        if any(a.tag_option_id == tag_option_id for a in self.tag_option_associations.values()):
            raise ResourceInUseException(f"TagOption {tag_option_id} is associated with a portfolio or product.")
        del self.tag_options[tag_option_id]

    def list_tag_options(self, filters: dict[str, Any] | None = None) -> list[TagOption]:
        """Pagination is not yet implemented"""
        filters = filters or {}
        return [
            t
            for t in self.tag_options.values()
            if filters.get("Key") in (None, t.key)
            and filters.get("Value") in (None, t.value)
            and filters.get("Active") in (None, t.active)
        ]

    def _resource(self, resource_id: str) -> Any:
        resource = self.portfolios.get(resource_id) or self.products.get(resource_id)
        if resource is None:
            raise ResourceNotFoundException(f"Resource {resource_id} not found.")
        return resource

    def associate_tag_option_with_resource(self, resource_id: str, tag_option_id: str) -> TagOptionAssociation:
        self._resource(resource_id)
        self.describe_tag_option(tag_option_id)
        association = TagOptionAssociation(resource_id, tag_option_id)
        if association.physical_resource_id in self.tag_option_associations:
            raise DuplicateResourceException(f"TagOption {tag_option_id} is already associated with {resource_id}.")
        self.tag_option_associations[association.physical_resource_id] = association
        return association

    def disassociate_tag_option_from_resource(self, resource_id: str, tag_option_id: str) -> None:
        key = TagOptionAssociation(resource_id, tag_option_id).physical_resource_id
        if key not in self.tag_option_associations:
            raise ResourceNotFoundException(f"TagOption {tag_option_id} is not associated with {resource_id}.")
        del self.tag_option_associations[key]

    def list_resources_for_tag_option(self, tag_option_id: str, resource_type: str | None = None) -> list[dict[str, Any]]:
        """Pagination is not yet implemented"""
        self.describe_tag_option(tag_option_id)
        details = []
        for association in self.tag_option_associations.values():
            if association.tag_option_id != tag_option_id:
                continue
            portfolio = self.portfolios.get(association.resource_id)
            if portfolio is not None and resource_type in (None, "Portfolio"):
                details.append(
                    {
                        "Id": portfolio.id,
                        "ARN": portfolio.arn,
                        "Name": portfolio.display_name,
                        "Description": portfolio.description,
                        "CreatedTime": portfolio.created_time,
                    }
                )
            product = self.products.get(association.resource_id)
            if product is not None and resource_type in (None, "Product"):
                details.append(
                    {
                        "Id": product.id,
                        "ARN": product.arn,
                        "Name": product.name,
                        "Description": product.description,
                        "CreatedTime": product.created_time,
                    }
                )
        return details

    def tag_options_of(self, resource_id: str) -> list[TagOption]:
        return [self.tag_options[a.tag_option_id] for a in self.tag_option_associations.values() if a.resource_id == resource_id]

    def update_portfolio(
        self,
        accept_language: str | None,
        id: str,
        display_name: str | None,
        description: str | None,
        provider_name: str | None,
        add_tags: list[dict[str, str]] | None,
        remove_tags: list[str] | None,
    ) -> tuple[dict[str, Any], list[dict[str, str]]]:
        # TODO: Implement accept_language
        if id not in self.portfolios:
            raise ResourceNotFoundException(f"Portfolio {id} not found.")
        portfolio = self.portfolios[id]
        if display_name is not None:
            portfolio.display_name = display_name
        if description is not None:
            portfolio.description = description
        if provider_name is not None:
            portfolio.provider_name = provider_name
        if remove_tags:
            portfolio.tags = [t for t in portfolio.tags if t["Key"] not in remove_tags]
            self.tagger.untag_resource_using_names(portfolio.arn, remove_tags)  # type: ignore[attr-defined]
        if add_tags:
            keys = {t["Key"] for t in add_tags}
            portfolio.tags = [t for t in portfolio.tags if t["Key"] not in keys] + list(add_tags)
            self.tagger.tag_resource(portfolio.arn, add_tags)  # type: ignore[attr-defined]
        return portfolio.to_dict(), portfolio.tags


def _add_to_backend() -> None:
    """Adds the calls above, and the collections they keep, to moto's ServiceCatalogBackend;
    DescribePortfolio then answers the portfolio's TagOptions, and deleting a portfolio or
    product also removes its TagOption associations."""
    if getattr(ServiceCatalogBackend, "_oar_additions", False):
        return
    moto_init = ServiceCatalogBackend.__init__
    moto_describe_portfolio = ServiceCatalogBackend.describe_portfolio
    moto_delete_portfolio = ServiceCatalogBackend.delete_portfolio
    moto_delete_product = ServiceCatalogBackend.delete_product

    def __init__(self: ServiceCatalogBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.tag_options: dict[str, TagOption] = {}
        self.tag_option_associations: dict[str, TagOptionAssociation] = {}

    def describe_portfolio(self: Any, accept_language: str | None, id: str) -> Any:
        detail, tags, _, budgets = moto_describe_portfolio(self, accept_language, id)
        return detail, tags, [t.to_dict() for t in self.tag_options_of(id)], budgets

    def _disassociate_all(self: Any, resource_id: str) -> None:
        for key in [k for k, a in self.tag_option_associations.items() if a.resource_id == resource_id]:
            del self.tag_option_associations[key]

    def delete_portfolio(self: Any, accept_language: str | None, id: str) -> None:
        moto_delete_portfolio(self, accept_language, id)
        _disassociate_all(self, id)

    def delete_product(self: Any, accept_language: str | None, id: str) -> None:
        moto_delete_product(self, accept_language, id)
        _disassociate_all(self, id)

    ServiceCatalogBackend.__init__ = __init__  # type: ignore[method-assign]
    ServiceCatalogBackend.describe_portfolio = describe_portfolio  # type: ignore[method-assign]
    ServiceCatalogBackend.delete_portfolio = delete_portfolio  # type: ignore[method-assign]
    ServiceCatalogBackend.delete_product = delete_product  # type: ignore[method-assign]
    for name, member in vars(ServiceCatalogBackendAdditions).items():
        if callable(member) and not name.startswith("__"):
            setattr(ServiceCatalogBackend, name, member)
    ServiceCatalogBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


class CloudFormationPortfolio(CloudFormationModel):
    """AWS::ServiceCatalog::Portfolio, created through moto's create_portfolio."""

    def __init__(self, portfolio_id: str, account_id: str, region_name: str) -> None:
        self.id = portfolio_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # DisplayName is required

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-servicecatalog-portfolio.html
        return "AWS::ServiceCatalog::Portfolio"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "PortfolioName"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        if attribute_name == "PortfolioName":
            return servicecatalog_backends[self.account_id][self.region_name].portfolios[self.id].display_name
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CloudFormationPortfolio":
        props = cloudformation_json["Properties"]
        detail, _ = servicecatalog_backends[account_id][region_name].create_portfolio(
            accept_language=props.get("AcceptLanguage"),
            display_name=props["DisplayName"],
            description=props.get("Description"),
            provider_name=props["ProviderName"],
            tags=props.get("Tags"),
            idempotency_token=None,
        )
        return cls(detail["Id"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CloudFormationPortfolio",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CloudFormationPortfolio":
        props = cloudformation_json["Properties"]
        backend = servicecatalog_backends[account_id][region_name]
        tags = props.get("Tags") or []
        old_keys = [t["Key"] for t in backend.portfolios[original_resource.id].tags]
        backend.update_portfolio(
            accept_language=props.get("AcceptLanguage"),
            id=original_resource.id,
            display_name=props["DisplayName"],
            description=props.get("Description", ""),
            provider_name=props["ProviderName"],
            add_tags=tags,
            remove_tags=[k for k in old_keys if k not in {t["Key"] for t in tags}],
        )
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        servicecatalog_backends[account_id][region_name].delete_portfolio(accept_language=None, id=resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


# The API handlers of the calls added above.
from . import responses  # noqa: E402, F401
