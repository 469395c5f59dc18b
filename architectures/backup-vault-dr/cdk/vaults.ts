import { Aws, CfnDeletionPolicy, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Calls that would destroy recovery points or loosen the vault, denied to everyone in the vault's access policy. */
export const DESTRUCTIVE_VAULT_ACTIONS = [
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
];

export interface VaultsProps {
  readonly namePrefix: string;
  readonly lockMode: 'compliance' | 'governance';
  readonly lockMinRetentionDays: number;
  readonly lockMaxRetentionDays: number;
  readonly airGappedMinRetentionDays: number;
  readonly airGappedMaxRetentionDays: number;
}

/**
 * The primary vault, encrypted with a customer managed key and under Vault Lock, and a logically air-gapped vault in
 * the same Region, whose recovery points are locked in compliance mode and encrypted with an AWS-owned key.
 */
export class Vaults extends Construct {
  readonly key: kms.Key;
  readonly primary: backup.CfnBackupVault;
  readonly airGapped: backup.CfnLogicallyAirGappedBackupVault;

  constructor(scope: Construct, id: string, props: VaultsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the recovery points of ${props.namePrefix}-primary`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BackupUsesTheKeyInThisAccount',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey', 'kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, 'kms:ViaService': `backup.${Aws.REGION}.amazonaws.com` },
        },
      }),
    );

    const denyDestruction = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'NobodyDeletesRecoveryPointsOrLoosensTheVault',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: DESTRUCTIVE_VAULT_ACTIONS,
          resources: ['*'],
        }),
      ],
    });

    this.primary = new backup.CfnBackupVault(this, 'Primary', {
      backupVaultName: `${props.namePrefix}-primary`,
      encryptionKeyArn: this.key.keyArn,
      accessPolicy: denyDestruction.toJSON() as Record<string, unknown>,
      lockConfiguration: {
        minRetentionDays: props.lockMinRetentionDays,
        maxRetentionDays: props.lockMaxRetentionDays,
        // A lock with ChangeableForDays becomes compliance mode once that grace time ends; without it, governance mode.
        ...(props.lockMode === 'compliance' ? { changeableForDays: 3 } : {}),
      },
    });

    this.airGapped = new backup.CfnLogicallyAirGappedBackupVault(this, 'AirGapped', {
      backupVaultName: `${props.namePrefix}-air-gapped`.toLowerCase(),
      minRetentionDays: props.airGappedMinRetentionDays,
      maxRetentionDays: props.airGappedMaxRetentionDays,
      accessPolicy: denyDestruction.toJSON() as Record<string, unknown>,
    });

    for (const vault of [this.primary, this.airGapped]) {
      vault.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      vault.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    }
  }
}
