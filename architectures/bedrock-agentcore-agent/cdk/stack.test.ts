// What this entry claims beyond cdk/claims.ts, tested on its template with the default parameters and others.
// Run first: OAR_ENTRIES=bedrock-agentcore-agent npx vitest run test/entries.test.ts architectures/bedrock-agentcore-agent
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';
import { agentCoreName, gatewayName } from './names.ts';
import { INLINE_CODE_LIMIT, inlineSource } from './tool.ts';

const ID = 'bedrock-agentcore-agent';
const template = entryTemplate(ID);

describe('runtime', () => {
  test('runs the agent folder as a Python 3.12 code zip under the OpenTelemetry distro', () => {
    const runtime = onlyProps(template, 'AWS::BedrockAgentCore::Runtime');
    expect(runtime['AgentRuntimeArtifact']).toMatchObject({
      CodeConfiguration: { EntryPoint: ['opentelemetry-instrument', 'main.py'], Runtime: 'PYTHON_3_12' },
    });
    expect(runtime['ProtocolConfiguration']).toBe('HTTP');
  });
});

describe('handlers', () => {
  test('the tool ships inline under the repository limit', () => {
    expect(inlineSource('tool.js').length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
  });
});

describe('names', () => {
  test('runtime, memory, gateway and guardrail names fit AgentCore and Bedrock patterns whatever the stack name', () => {
    for (const stackName of ['oar-bedrock-agentcore-agent--e2e', `x${'-long'.repeat(40)}`, '9a_b--c']) {
      for (const suffix of ['agent', 'memory']) {
        const name = agentCoreName(stackName, suffix);
        expect(name).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/u);
      }
      for (const [suffix, max] of [
        ['tools', 100],
        ['guardrail', 50],
      ] as const) {
        const name = gatewayName(stackName, suffix, max);
        expect(name).toMatch(/^([0-9a-zA-Z][-]?){1,100}$/u);
        expect(name.length).toBeLessThanOrEqual(max);
        expect(name).not.toMatch(/-$/u);
      }
    }
  });
});
