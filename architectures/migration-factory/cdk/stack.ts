import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { LogKey, retentionOf } from './logs.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';
import { Replication } from './replication.ts';
import { Staging } from './staging.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The schemas of the `waveSchemas` parameter, in order, without repeats. */
export function schemaNames(list: string): string[] {
  const names = list.split(',').map((s) => s.trim());
  if (new Set(names).size !== names.length) throw new Error(`waveSchemas repeats a schema: ${list}`);
  return names;
}

/**
 * A migration factory for one wave: the database side runs on AWS DMS (a Multi-AZ replication instance, source and
 * target endpoints whose credentials are in Secrets Manager, one validating task per schema, latency alarms), and
 * the server side on Application Migration Service, for which the stack provides the staging network, the
 * replication servers' security group, private endpoints and the operators' policy.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);

    const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [flowLogGroupName] });
    const { vpc } = new Network(this, 'Network', {
      flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retention),
    });

    const key = new kms.Key(this, 'DataKey', {
      description: `Encrypts the DMS replication instance and the database secrets of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const staging = new Staging(this, 'Staging', { vpc, sourceCidr: p.sourceCidr });
    const replication = new Replication(this, 'Replication', {
      vpc,
      key,
      instanceClass: p.replicationInstanceClass,
      storageGiB: p.replicationStorageGiB,
      sourceEngine: p.sourceEngine,
      sourceDatabase: p.sourceDatabase,
      targetEngine: p.targetEngine,
      targetDatabase: p.targetDatabase,
      schemas: schemaNames(p.waveSchemas),
      migrationType: p.migrationType,
      sourceCidr: p.sourceCidr,
      createDmsVpcRole: p.createDmsVpcRole,
      alarmTopicArn: p.alarmTopicArn,
    });

    new CfnOutput(this, 'ReplicationInstanceArn', { value: replication.instance.ref, description: 'DMS replication instance' });
    new CfnOutput(this, 'ReplicationTaskArns', {
      value: Fn.join(',', replication.tasks.map((t) => t.ref)),
      description: 'DMS tasks of the wave, one per schema',
    });
    new CfnOutput(this, 'SourceSecretArn', { value: replication.sourceSecret.secretArn, description: 'Source credentials' });
    new CfnOutput(this, 'TargetSecretArn', { value: replication.targetSecret.secretArn, description: 'Target credentials' });
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Migration VPC' });
    new CfnOutput(this, 'StagingSubnetIds', {
      value: Fn.join(',', vpc.isolatedSubnets.map((s) => s.subnetId)),
      description: 'Subnets for the MGN staging area',
    });
    new CfnOutput(this, 'ReplicationServerSecurityGroupId', {
      value: staging.replicationServers.securityGroupId,
      description: 'Security group for MGN replication servers',
    });
    new CfnOutput(this, 'OperatorPolicyArn', { value: staging.operatorPolicy.managedPolicyArn, description: 'Policy for the wave team' });
  }
}
