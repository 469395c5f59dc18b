// The service control policies and resource control policies of the landing zone, as policy documents. Each stays
// well under the 5,120-character limit of an SCP or RCP (CloudFormation sends the document without whitespace).

/** Services whose control planes live in us-east-1 or are global, so a region deny must not block them. */
export const GLOBAL_SERVICES = [
  'a4b:*',
  'account:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chatbot:*',
  'cloudfront:*',
  'cur:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:PutAccountPublic*',
  'shield:*',
  'sso:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf:*',
  'wafv2:*',
];

/** Calls that would blind the organisation: stop or delete the trail, the recorders, detectors and analyzers. */
export const SECURITY_TOOLING_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:StopConfigurationRecorder',
  'guardduty:DeleteDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:UpdateDetector',
  'securityhub:DisableSecurityHub',
  'securityhub:DisassociateFromAdministratorAccount',
  'access-analyzer:DeleteAnalyzer',
];

type Doc = Record<string, unknown>;

/** The principals an SCP statement spares: the break-glass role in any account. */
function exceptBreakGlass(breakGlassRoleName: string): Doc {
  return { ArnNotLike: { 'aws:PrincipalARN': [`arn:*:iam::*:role/${breakGlassRoleName}`] } };
}

/** Attached to the root: no member account leaves, no root user acts, nobody but break-glass blinds the tooling. */
export function guardrailsScp(breakGlassRoleName: string): Doc {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyLeavingTheOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
      {
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] } },
      },
      {
        Sid: 'ProtectSecurityTooling',
        Effect: 'Deny',
        Action: SECURITY_TOOLING_ACTIONS,
        Resource: '*',
        Condition: exceptBreakGlass(breakGlassRoleName),
      },
    ],
  };
}

/** Attached to the root: requests outside allowedRegions are refused, except global services and break-glass. */
export function regionDenyScp(allowedRegions: readonly string[], breakGlassRoleName: string): Doc {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: GLOBAL_SERVICES,
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': [...allowedRegions] },
          ...exceptBreakGlass(breakGlassRoleName),
        },
      },
    ],
  };
}

/** Attached to the Suspended OU: an account parked there can do nothing, whoever signs in. */
export function suspendedScp(): Doc {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyEverything', Effect: 'Deny', Action: '*', Resource: '*' }],
  };
}

/** The services RCPs cover that this perimeter names. */
export const RCP_SERVICES = ['s3:*', 'sts:*', 'kms:*', 'sqs:*', 'secretsmanager:*'];

/** The data services of the identity perimeter; STS stays out, so web identity federation (CI's OIDC) still works. */
export const PERIMETER_SERVICES = ['s3:*', 'kms:*', 'sqs:*', 'secretsmanager:*'];

/**
 * Attached to the root: resources in member accounts refuse plain HTTP and refuse principals from outside the
 * organisation, except AWS services acting for it (CloudTrail, Config and the like deliver as service principals).
 */
export function perimeterRcp(): Doc {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EnforceTls',
        Effect: 'Deny',
        Principal: '*',
        Action: RCP_SERVICES,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'EnforceOrgIdentities',
        Effect: 'Deny',
        Principal: '*',
        Action: PERIMETER_SERVICES,
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ],
  };
}
