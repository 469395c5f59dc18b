import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { bedrockName } from './vector-store.ts';

/** Harmful-content categories filtered on both the question and the answer. */
export const CONTENT_FILTERS = ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'];

export interface GuardrailProps {
  readonly key: kms.IKey;
  /** Minimum grounding and relevance scores (0 to 0.99) below which an answer is blocked. */
  readonly groundingThreshold: number;
}

/**
 * The guardrail that RetrieveAndGenerate applies: content filters on questions and answers, the prompt-attack
 * filter on questions, contextual grounding that blocks answers the retrieved chunks do not support, and
 * masking of contact details. A numbered version pins what the API uses; editing the guardrail makes a new one.
 */
export class Guardrail extends Construct {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: GuardrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const policies = {
      blockedInputMessaging: 'This question cannot be answered here.',
      blockedOutputsMessaging: 'No answer grounded in the documents could be given.',
      contentPolicyConfig: {
        filtersConfig: [
          ...CONTENT_FILTERS.map((type) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' })),
          // Prompt attacks are judged on the user's input only; AWS requires NONE on the output side.
          { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ],
      },
      contextualGroundingPolicyConfig: {
        filtersConfig: [
          { type: 'GROUNDING', threshold: props.groundingThreshold },
          { type: 'RELEVANCE', threshold: props.groundingThreshold },
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
      name: bedrockName(stack.stackName, 'guardrail', 50),
      description: `Applied by RetrieveAndGenerate in ${stack.stackName}`,
      kmsKeyArn: props.key.keyArn,
      ...policies,
    });
    // A guardrail version is a snapshot that CloudFormation never refreshes by itself: naming the policies' hash
    // in its description replaces it, and so publishes a new version, whenever a policy changes.
    const digest = createHash('sha256').update(JSON.stringify(policies)).digest('hex').slice(0, 16);
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `policies ${digest}`,
    });
  }
}
