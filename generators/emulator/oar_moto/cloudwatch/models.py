"""AWS::CloudWatch::Alarm, created through moto's CloudWatch backend (put_metric_alarm)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
from moto.core.common_models import CloudFormationModel


def _queries(metrics: list[dict[str, Any]] | None) -> list[MetricDataQuery] | None:
    """The template's Metrics, shaped as moto's PutMetricAlarm handler shapes the API's."""
    if not metrics:
        return None
    queries = []
    for m in metrics:
        stat = m.get("MetricStat") or {}
        metric = stat.get("Metric") or {}
        queries.append(
            MetricDataQuery(
                query_id=m["Id"],
                label=m.get("Label"),  # type: ignore[arg-type]
                period=m.get("Period"),  # type: ignore[arg-type]
                return_data=m.get("ReturnData"),  # type: ignore[arg-type]
                expression=m.get("Expression"),
                metric_stat=MetricStat(
                    metric=Metric(
                        metric_name=metric["MetricName"],
                        namespace=metric.get("Namespace"),  # type: ignore[arg-type]
                        dimensions=[Dimension(d["Name"], d["Value"]) for d in metric.get("Dimensions", [])],
                    ),
                    period=stat.get("Period"),  # type: ignore[arg-type]
                    stat=stat.get("Stat"),  # type: ignore[arg-type]
                    unit=stat.get("Unit"),  # type: ignore[arg-type]
                )
                if metric.get("MetricName")
                else None,
            )
        )
    return queries


class Alarm(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "AlarmName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
        return "AWS::CloudWatch::Alarm"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def arn(self) -> str:
        return cloudwatch_backends[self.account_id][self.region_name].alarms[self.name].alarm_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "Alarm":
        backend = cloudwatch_backends[account_id][region_name]
        backend.put_metric_alarm(
            name=name,
            namespace=props.get("Namespace", ""),
            metric_name=props.get("MetricName", ""),
            comparison_operator=props["ComparisonOperator"],
            evaluation_periods=int(props["EvaluationPeriods"]),
            period=int(props["Period"]) if "Period" in props else 0,
            threshold=float(props["Threshold"]) if "Threshold" in props else 0.0,
            statistic=props.get("Statistic", ""),
            description=props.get("AlarmDescription", ""),
            dimensions=props.get("Dimensions", []),
            alarm_actions=props.get("AlarmActions", []),
            metric_data_queries=_queries(props.get("Metrics")),
            datapoints_to_alarm=int(props["DatapointsToAlarm"]) if "DatapointsToAlarm" in props else None,
            extended_statistic=props.get("ExtendedStatistic"),
            ok_actions=props.get("OKActions", []),
            insufficient_data_actions=props.get("InsufficientDataActions", []),
            unit=props.get("Unit"),
            actions_enabled=str(props.get("ActionsEnabled", True)).lower() == "true",
            treat_missing_data=props.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=props.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=props.get("ThresholdMetricId"),
            rule=None,
            tags=props.get("Tags"),
        )
        return cls(name, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Alarm":
        return cls._put(resource_name, cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Alarm",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Alarm":
        props = cloudformation_json["Properties"]
        name = props.get("AlarmName", original_resource.name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
        return cls._put(name, props, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cloudwatch_backends[account_id][region_name].delete_alarms([resource_name])

    def delete(self, account_id: str, region_name: str) -> None:
        cloudwatch_backends[account_id][region_name].delete_alarms([self.name])
