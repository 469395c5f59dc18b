import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LogKey, retentionOf } from './logs.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';
import { Partners } from './partners.ts';
import { Scanner } from './scanner.ts';
import { SftpServer } from './sftp-server.ts';
import { ExchangeStorage } from './storage.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The partner names of the `partners` parameter, in order, without repeats. */
export function partnerNames(list: string): string[] {
  const names = list.split(',').map((s) => s.trim());
  if (new Set(names).size !== names.length) throw new Error(`partners repeats a name: ${list}`);
  return names;
}

/**
 * Secure file exchange with partners: an SFTP-only AWS Transfer Family server on a VPC endpoint, one
 * service-managed user per partner whose logical home directory shows only its own inbox and outbox
 * prefixes, a KMS-encrypted exchange bucket, and a scan step that moves every upload from incoming/ to
 * clean/ or quarantine/ before anyone inside reads it.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);
    const partners = partnerNames(p.partners);

    // --- Logs: named log groups, so the key policy can name them; retention from logRetentionDays.
    const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
    const transferLogGroupName = `/aws/transfer/${this.stackName}`;
    const scannerLogGroupName = `/aws/lambda/${this.stackName}-scanner`;
    const logKey = new LogKey(this, 'Logs', {
      logGroupNames: [flowLogGroupName, transferLogGroupName, scannerLogGroupName],
    });

    // --- Network: public subnets for the internet-facing endpoint's Elastic IPs, isolated ones for an internal endpoint.
    const { vpc } = new Network(this, 'Network', {
      azCount: p.azCount,
      flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retention),
    });

    // --- Storage: the exchange bucket and its key.
    const storage = new ExchangeStorage(this, 'Storage', {
      quarantineRetentionDays: p.quarantineRetentionDays,
      accessLogRetentionDays: p.logRetentionDays,
      retainData: p.retainData,
    });

    // --- The SFTP server.
    const sftp = new SftpServer(this, 'Sftp', {
      vpc,
      internetFacing: p.internetFacing,
      allowedClientCidr: p.allowedClientCidr,
      securityPolicyName: p.securityPolicyName,
      logGroup: logKey.logGroup('TransferLogGroup', transferLogGroupName, retention),
    });

    // --- Partners: a user and a role each, isolated to their own prefixes.
    new Partners(this, 'Partners', {
      partners,
      serverId: sftp.server.attrServerId,
      bucket: storage.bucket,
      key: storage.key,
    });

    // --- Scan step: release to clean/ or quarantine.
    const scanner = new Scanner(this, 'Scanner', {
      mode: p.malwareScanner,
      bucket: storage.bucket,
      key: storage.key,
      logGroup: logKey.logGroup('ScannerLogGroup', scannerLogGroupName, retention),
      maxScanSizeMb: p.maxScanSizeMb,
      alarmTopicArn: p.alarmTopicArn,
    });
    storage.guardQuarantine(scanner.role, p.quarantineReaderRoleArn);

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'ServerId', { value: sftp.server.attrServerId, description: 'Transfer Family server id' });
    new CfnOutput(this, 'ServerHost', {
      value: Fn.join('', [sftp.server.attrServerId, '.server.transfer.', this.region, '.amazonaws.com']),
      description: 'Host name partners connect to on port 22',
    });
    new CfnOutput(this, 'PublicAddresses', {
      value: p.internetFacing ? Fn.join(',', sftp.elasticIps.map((a) => a.ref)) : 'none',
      description: 'Elastic IPs of the endpoint, for partners to allow in their firewalls',
    });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName, description: 'Exchange bucket' });
    new CfnOutput(this, 'KeyArn', { value: storage.key.keyArn, description: 'KMS key of the exchange bucket' });
    new CfnOutput(this, 'PartnerNames', { value: partners.join(','), description: 'Partner user names' });
    new CfnOutput(this, 'ScannerFunctionName', { value: scanner.function.functionName, description: 'Scanner function' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: scanner.deadLetterQueue.queueUrl, description: 'Undelivered upload events' });
    new CfnOutput(this, 'TransferLogGroupName', { value: transferLogGroupName, description: 'SFTP server log group' });
  }
}
