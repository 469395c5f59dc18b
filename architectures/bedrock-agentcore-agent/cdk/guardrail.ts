import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { gatewayName } from './names.ts';

/** Harmful-content categories filtered on both the user's prompt and the agent's answer. */
export const CONTENT_FILTERS = ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'];

export interface GuardrailProps {
  readonly key: kms.IKey;
}

/**
 * The guardrail the agent passes to every Converse call: content filters both ways, the prompt-attack filter on the
 * user's prompt (the agent wraps only the prompt in guardContent, so tool results are not judged as attacks), and
 * PII handling on answers. A numbered version pins what the agent applies.
 */
export class Guardrail extends Construct {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: GuardrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const policies = {
      blockedInputMessaging: 'This request cannot be handled here.',
      blockedOutputsMessaging: 'The agent cannot give this answer.',
      contentPolicyConfig: {
        filtersConfig: [
          ...CONTENT_FILTERS.map((type) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' })),
          // Prompt attacks are judged on the input only; AWS requires NONE on the output side.
          { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ],
      },
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: [
          { type: 'EMAIL', action: 'ANONYMIZE' },
          { type: 'PHONE', action: 'ANONYMIZE' },
          { type: 'AWS_ACCESS_KEY', action: 'BLOCK' },
          { type: 'AWS_SECRET_KEY', action: 'BLOCK' },
          { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
        ],
      },
    };
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', {
      name: gatewayName(stack.stackName, 'guardrail', 50),
      description: `Applied by the agent of ${stack.stackName} on every model call`,
      kmsKeyArn: props.key.keyArn,
      ...policies,
    });
    // A version is a snapshot CloudFormation never refreshes: the policies' hash in its description replaces it,
    // and so publishes a new version, whenever a policy changes.
    const digest = createHash('sha256').update(JSON.stringify(policies)).digest('hex').slice(0, 16);
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `policies ${digest}`,
    });
  }
}
