import { DeploymentError, ToolkitError } from '@aws-cdk/toolkit-lib';
import { describe, expect, it } from 'vitest';
import { destroyRetrying } from '../../generators/destroy/destroy-entry.ts';
import { toolkitFailure } from '../../generators/deploy/toolkit.ts';

/** An AWS SDK service error as the SDK throws it: named by its error code, with the response's metadata. */
const serviceError = (code: string, message: string) =>
  Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: 400 } });

describe("what failed, from toolkit-lib's errors", () => {
  it('is the cause of a failed stack, with the AWS error code the SDK names it by', () => {
    // As toolkit-lib's deploy throws it (a moto deploy of a subnet outside its VPC).
    const error = ToolkitError.withCause(
      'DeployStackFailed',
      "❌  oar-x failed: InvalidSubnet.Range: The CIDR '192.168.0.0/24' is invalid.",
      serviceError('InvalidSubnet.Range', "The CIDR '192.168.0.0/24' is invalid."),
    );
    expect(toolkitFailure(error, ToolkitError)).toEqual({
      message: "InvalidSubnet.Range: The CIDR '192.168.0.0/24' is invalid.",
      awsCode: 'InvalidSubnet.Range',
    });
  });

  it("carries a DeploymentError's code, and only the first line of any message", () => {
    const error = new DeploymentError('Failed to destroy oar-x: DELETE_FAILED\nmore', 'EC2VPC:DependencyViolation');
    expect(toolkitFailure(error, ToolkitError)).toEqual({
      message: 'Failed to destroy oar-x: DELETE_FAILED',
      deploymentCode: 'EC2VPC:DependencyViolation',
    });
    expect(toolkitFailure('plain words', ToolkitError)).toEqual({ message: 'plain words' });
  });
});

describe('a destroy blocked by a dependency', () => {
  const run = (failures: Error[]) => {
    const printed: string[] = [];
    let calls = 0;
    const destroy = async () => {
      const failure = failures[calls++];
      if (failure !== undefined) throw failure;
      return 'gone';
    };
    const done = destroyRetrying(destroy, {
      stackName: 'oar-x--dev',
      print: (line) => printed.push(line),
      errors: ToolkitError,
      failures: () => [
        { logicalId: 'Vpc', type: 'AWS::EC2::VPC', status: 'DELETE_FAILED', reason: 'has dependencies' },
      ],
      wait: async () => undefined,
    });
    return { done, printed, calls: () => calls };
  };

  it("is retried when toolkit-lib's code says DependencyViolation, or (moto) only the text does", async () => {
    const coded = run([
      new DeploymentError('Failed to destroy oar-x--dev: DELETE_FAILED', 'EC2VPC:DependencyViolation'),
    ]);
    expect(await coded.done).toEqual({ result: 'gone', attempt: 2 });
    expect(coded.printed).toEqual([
      '  delete blocked by a dependency (Failed to destroy oar-x--dev: DELETE_FAILED); retrying (1/2)',
    ]);
    const worded = run([new Error("The vpc 'vpc-1' has dependencies and cannot be deleted.")]);
    expect(await worded.done).toEqual({ result: 'gone', attempt: 2 });
  });

  it('fails with OAR313 and the failed resources after three attempts, or at once for another cause', async () => {
    const blocked = new DeploymentError('DELETE_FAILED', 'EC2VPC:DependencyViolation');
    const always = run([blocked, blocked, blocked]);
    await expect(always.done).rejects.toMatchObject({
      code: 'OAR313',
      message:
        'destroying oar-x--dev failed: DELETE_FAILED\n  Vpc (AWS::EC2::VPC) DELETE_FAILED: has dependencies\nRun oar destroy again, or delete the stack in the CloudFormation console.',
    });
    expect(always.calls()).toBe(3);
    const denied = run([serviceError('AccessDenied', 'not allowed to delete')]);
    await expect(denied.done).rejects.toMatchObject({
      code: 'OAR313',
      message: expect.stringMatching(
        /^destroying oar-x--dev failed: AccessDenied: not allowed to delete\n/u,
      ) as unknown,
    });
    expect(denied.calls()).toBe(1);
  });
});
