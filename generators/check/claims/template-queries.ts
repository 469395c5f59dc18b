// Queries over a synthesized template, shared by entry claims (run in synth workers) and entry tests.
import type { Template } from 'aws-cdk-lib/assertions';
import type { ClaimContext } from './claim.ts';

/** A JSON object in a template. */
export type Json = Record<string, unknown>;

/** One resource of a synthesized template. */
export interface Resource {
  readonly Type: string;
  readonly Properties?: Json;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
  readonly Condition?: string;
}

/** The template's resources by logical id. */
export function resourcesOf(t: Template): Record<string, Resource> {
  return t.toJSON()['Resources'] as Record<string, Resource>;
}

/** The resources of one CloudFormation type. */
export function ofType(t: Template, type: string): Resource[] {
  return Object.values(resourcesOf(t)).filter((r) => r.Type === type);
}

/** The distinct resource types of a template, sorted. */
export function typesOf(t: Template): string[] {
  return [...new Set(Object.values(resourcesOf(t)).map((r) => r.Type))].sort();
}

/** A value that CloudFormation accepts as one item or a list, as a list. */
export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** A string built with Fn::Join as text, with every other CloudFormation expression shown as <…>. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  return `<${JSON.stringify(value)}>`;
}

/** A security group rule as CloudFormation writes it. */
export interface SgRule {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIp?: string;
  readonly CidrIpv6?: string;
  readonly GroupId?: unknown;
  readonly SourceSecurityGroupId?: unknown;
  readonly Description?: string;
}

/**
 * Every ingress rule of the template, inline in a security group or a separate
 * AWS::EC2::SecurityGroupIngress, with the logical id of the group it opens
 * (empty for a group the template does not create).
 */
export function ingressRules(t: Template): { group: string; rule: SgRule }[] {
  const inline = Object.entries(resourcesOf(t))
    .filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup')
    .flatMap(([group, r]) =>
      ((r.Properties?.['SecurityGroupIngress'] ?? []) as SgRule[]).map((rule) => ({ group, rule })),
    );
  const separate = ofType(t, 'AWS::EC2::SecurityGroupIngress').map((r) => {
    const rule = r.Properties as unknown as SgRule;
    const ref = rule.GroupId as { 'Fn::GetAtt'?: [string, string] } | undefined;
    return { group: ref?.['Fn::GetAtt']?.[0] ?? '', rule };
  });
  return [...inline, ...separate];
}

/** The custom resource types of a template: resources a Lambda function creates at deploy time. */
export function customResourceTypes(t: Template): string[] {
  return typesOf(t).filter((ty) => ty.startsWith('Custom::') || ty === 'AWS::CloudFormation::CustomResource');
}

/** The logical id a `{ Ref: id }` or `{ 'Fn::GetAtt': [id, …] }` points at, or undefined. */
export function refTarget(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

/** A resource's properties; empty when it has none, or there is no resource. */
export function propsOf(r: Resource | undefined): Json {
  return r?.Properties ?? {};
}

/**
 * Source code as the entries' stacks inline it into a Lambda function (`Code.fromInline`): blank and comment
 * lines dropped and every line trimmed, so a claim can compare the template's ZipFile with the file on disk.
 */
export function inlineSource(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** A resource as one object: its logical id beside its properties. */
export function flatOf(r: Resource & { readonly id: string }): Json & { readonly id: string } {
  return { id: r.id, ...(r.Properties ?? {}) };
}

/** A resource's tag value, from CloudFormation's `Tags` list of Key/Value pairs. */
export function tagOf(props: Json | undefined, key: string): unknown {
  return ((props?.['Tags'] ?? []) as { Key: string; Value: unknown }[]).find((x) => x.Key === key)?.Value;
}

/** The Fn::Select index of a subnet's Availability Zone; throws when the zone is not chosen by index. */
export function zoneIndexOf(t: Pick<ClaimContext, 'resources'>, subnetId: string): number {
  const subnet = t.resources('AWS::EC2::Subnet').find((s) => s.id === subnetId);
  const az = subnet?.Properties?.['AvailabilityZone'] as { 'Fn::Select'?: [number, unknown] } | undefined;
  if (!az?.['Fn::Select']) throw new Error(`subnet ${subnetId} has no Availability Zone chosen by index`);
  return az['Fn::Select'][0];
}

/** The logical id of the route table a subnet is associated with; throws when it has none. */
export function routeTableOf(t: Pick<ClaimContext, 'resources'>, subnetId: string): string {
  const association = t
    .resources('AWS::EC2::SubnetRouteTableAssociation')
    .find((a) => refTarget(a.Properties?.['SubnetId']) === subnetId);
  if (!association) throw new Error(`subnet ${subnetId} has no route table`);
  return refTarget(association.Properties?.['RouteTableId']) ?? '';
}
