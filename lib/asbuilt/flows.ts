import { refsIn, valuesAt, type TemplateResource } from './template-refs.ts';

/** Where traffic or events may come from when no resource of the stack sends them: an open security group rule. */
export const INTERNET: unique symbol = Symbol('internet');

/** An edge between two resources: a flow of events or requests, a network rule, or a plain reference. */
export interface ResourceEdge {
  readonly from: string | typeof INTERNET;
  readonly to: string;
  /** `flow` and `network` edges are drawn solid with their label; `ref` edges dotted, as "uses". */
  readonly kind: 'flow' | 'network' | 'ref';
  readonly label?: string;
}

/** One flow a resource type declares: refs at `from` send to refs at `to`; `self` is the resource itself. */
interface Flow {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

const SELF = 'self';

/**
 * Event sources and request paths, per resource type, read from the properties that wire them. Drawn in
 * the direction events or requests travel, which is often against the reference (a subscription refers to
 * the topic that sends to it). A connector that is folded away (a subscription) still draws its flow.
 */
const FLOWS: Readonly<Record<string, readonly Flow[]>> = {
  'AWS::Lambda::EventSourceMapping': [
    { from: 'EventSourceArn', to: 'FunctionName', label: 'event source' },
    { from: 'FunctionName', to: 'DestinationConfig', label: 'on failure' },
  ],
  'AWS::SNS::Subscription': [
    { from: 'TopicArn', to: 'Endpoint', label: 'subscription' },
    { from: 'TopicArn', to: 'RedrivePolicy', label: 'dead letters' },
  ],
  'AWS::SQS::Queue': [{ from: SELF, to: 'RedrivePolicy', label: 'dead letters' }],
  'AWS::Lambda::Function': [{ from: SELF, to: 'DeadLetterConfig', label: 'dead letters' }],
  'AWS::Lambda::EventInvokeConfig': [{ from: 'FunctionName', to: 'DestinationConfig', label: 'destination' }],
  'AWS::Lambda::Permission': [{ from: 'SourceArn', to: 'FunctionName', label: 'invokes' }],
  'AWS::Logs::SubscriptionFilter': [{ from: 'LogGroupName', to: 'DestinationArn', label: 'log subscription' }],
  'AWS::Events::Rule': [
    { from: SELF, to: 'Targets.*.Arn', label: 'rule target' },
    { from: 'EventBusName', to: SELF, label: 'events' },
  ],
  'AWS::Scheduler::Schedule': [{ from: SELF, to: 'Target.Arn', label: 'schedule target' }],
  'AWS::Pipes::Pipe': [
    { from: 'Source', to: SELF, label: 'source' },
    { from: SELF, to: 'Target', label: 'target' },
  ],
  'AWS::S3::Bucket': [{ from: SELF, to: 'NotificationConfiguration', label: 'notification' }],
  'Custom::S3BucketNotifications': [{ from: 'BucketName', to: 'NotificationConfiguration', label: 'notification' }],
  'AWS::ApiGateway::Method': [{ from: 'RestApiId', to: 'Integration.Uri', label: 'integration' }],
  'AWS::ApiGatewayV2::Integration': [{ from: 'ApiId', to: 'IntegrationUri', label: 'integration' }],
  'AWS::ElasticLoadBalancingV2::Listener': [{ from: 'LoadBalancerArn', to: 'DefaultActions', label: 'forwards' }],
  'AWS::ElasticLoadBalancingV2::ListenerRule': [{ from: 'ListenerArn', to: 'Actions', label: 'forwards' }],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [{ from: SELF, to: 'Targets.*.Id', label: 'targets' }],
  'AWS::AutoScaling::AutoScalingGroup': [{ from: 'TargetGroupARNs', to: SELF, label: 'targets' }],
  'AWS::ECS::Service': [{ from: 'LoadBalancers.*.TargetGroupArn', to: SELF, label: 'targets' }],
  'AWS::VpcLattice::Listener': [{ from: 'ServiceIdentifier', to: 'DefaultAction', label: 'forwards' }],
  'AWS::VpcLattice::TargetGroup': [{ from: SELF, to: 'Targets.*.Id', label: 'targets' }],
  'AWS::CloudFront::Distribution': [{ from: SELF, to: 'DistributionConfig.Origins', label: 'origin' }],
  'AWS::CloudFront::VpcOrigin': [{ from: SELF, to: 'VpcOriginEndpointConfig.Arn', label: 'origin' }],
  'AWS::Route53::RecordSet': [{ from: 'HostedZoneId', to: 'AliasTarget', label: 'alias' }],
  'AWS::CloudWatch::Alarm': [
    { from: SELF, to: 'AlarmActions', label: 'alarm' },
    { from: SELF, to: 'OKActions', label: 'alarm' },
  ],
  'AWS::KinesisFirehose::DeliveryStream': [
    { from: 'KinesisStreamSourceConfiguration', to: SELF, label: 'source' },
    { from: SELF, to: 'ExtendedS3DestinationConfiguration.BucketARN', label: 'delivers' },
    { from: SELF, to: 'S3DestinationConfiguration.BucketARN', label: 'delivers' },
  ],
  'AWS::IoT::TopicRule': [{ from: SELF, to: 'TopicRulePayload.Actions', label: 'rule action' }],
  'AWS::DMS::ReplicationTask': [
    { from: 'SourceEndpointArn', to: SELF, label: 'source' },
    { from: SELF, to: 'TargetEndpointArn', label: 'target' },
  ],
  'AWS::Glue::Trigger': [{ from: SELF, to: 'Actions', label: 'starts' }],
  'AWS::SES::ConfigurationSetEventDestination': [
    { from: 'ConfigurationSetName', to: 'EventDestination', label: 'events' },
  ],
  'AWS::BedrockAgentCore::GatewayTarget': [{ from: 'GatewayIdentifier', to: 'TargetConfiguration', label: 'tool' }],
};

/** The flows of one resource, as edges between logical ids of `ids`. */
export function flowEdges(r: TemplateResource, ids: ReadonlySet<string>): ResourceEdge[] {
  const at = (path: string) => (path === SELF ? [r.id] : refsIn(valuesAt(r.props, path), ids));
  return (FLOWS[r.type] ?? []).flatMap((flow) =>
    at(flow.from).flatMap((from) =>
      at(flow.to).map((to): ResourceEdge => ({ from, to, kind: 'flow', label: flow.label })),
    ),
  );
}
