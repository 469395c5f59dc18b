import { describe, expect, test } from 'vitest';
import { parseParamArgs, resolveParameters } from '../../generators/synth/parameters.ts';
import { checkEnvName, stackNameOf } from '../../generators/synth/stack-name.ts';
import { crossCheckServices } from '../../generators/check/cross-check-services.ts';
import { templateServices } from '../../generators/check/service-evidence.ts';
import { suspectResources } from '../../generators/deploy/suspects.ts';
import type { Parameter } from '../../lib/validate/parameter-value.ts';

const declared: Parameter[] = [
  { name: 'minCapacity', type: 'number', default: 2, description: 'Fewest nodes.', min: 2, max: 10 },
  {
    name: 'instanceType',
    type: 'string',
    default: 'm6i.large',
    description: 'Type.',
    enum: ['m6i.large', 'c6i.large'],
  },
  { name: 'singleNatGateway', type: 'boolean', default: false, description: 'One NAT.' },
  { name: 'cidr', type: 'string', default: '10.0.0.0/16', description: 'CIDR.', pattern: '^10\\.' },
];

describe('--param', () => {
  test('defaults fill every parameter, and values convert to the declared type', () => {
    const values = resolveParameters('x', declared, parseParamArgs(['minCapacity=3', 'singleNatGateway=true']));
    expect(values).toEqual({ minCapacity: 3, instanceType: 'm6i.large', singleNatGateway: true, cidr: '10.0.0.0/16' });
  });

  test('every problem is reported at once, with the valid parameters', () => {
    const given = parseParamArgs([
      'minCapacity=1',
      'instanceType=t2.nano',
      'singleNatGateway=yes',
      'cidr=192.168.0.0/16',
      'minCapcity=3',
    ]);
    expect(() => resolveParameters('x', declared, given)).toThrowErrorMatchingInlineSnapshot(`
      [OarError: minCapacity: 1 is below the minimum 2
      instanceType: "t2.nano" is not one of [m6i.large, c6i.large]
      singleNatGateway: "yes" is not a boolean
      cidr: "192.168.0.0/16" does not match the pattern ^10\\.
      x has no parameter "minCapcity"; did you mean minCapacity?

      Valid parameters of x:
        minCapacity (number, default 2): min 2, max 10
        instanceType (string, default "m6i.large"): one of m6i.large, c6i.large
        singleNatGateway (boolean, default false)
        cidr (string, default "10.0.0.0/16"): matches ^10\\.]
    `);
  });

  test('a --param without = is a usage error', () => {
    expect(() => parseParamArgs(['minCapacity'])).toThrow(/is not name=value/u);
  });
});

describe('stack names', () => {
  test('one stack per entry and environment', () => {
    expect(stackNameOf('java-web-tier-ebs')).toBe('oar-java-web-tier-ebs');
    expect(stackNameOf('java-web-tier-ebs', 'pr-123')).toBe('oar-java-web-tier-ebs--pr-123');
  });
  test.each(['Prod', 'pr--1', '-x', 'a'.repeat(33), 'x_y'])('rejects the env name %s', (env) => {
    expect(() => checkEnvName(env)).toThrow(/OAR315|not a valid environment name/u);
  });
});

describe('declared services against the template', () => {
  const template = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC' },
      Queue: { Type: 'AWS::SQS::Queue' },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] },
      },
      Lt: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ Ebs: {} }] } },
      },
    },
  };
  const where = {
    metadataFile: 'architectures/x/architecture.yaml',
    stackFile: 'architectures/x/cdk/stack.ts',
    sites: {
      byPath: { 'oar-x/Odd/Resource': { file: 'architectures/x/cdk/stack.ts', line: 12, col: 5 } },
      pathById: { Odd: 'oar-x/Odd/Resource' },
    },
  };
  test('match both ways', () => {
    expect(crossCheckServices(['vpc', 'sqs', 'iam', 'ssm', 'ec2', 'ebs'], template, where)).toEqual([]);
  });
  test('a resource of an undeclared service and a declared service without resources are OAR328 errors at services', () => {
    const found = crossCheckServices(['vpc', 'iam', 'ec2', 'ebs', 'lambda'], template, where);
    expect(found.map((d) => [d.code, d.severity, d.file, d.path])).toEqual([
      ['OAR328', 'error', 'architectures/x/architecture.yaml', '/services'],
      ['OAR328', 'error', 'architectures/x/architecture.yaml', '/services'],
    ]);
    expect(found[0]?.message).toContain(
      '1 AWS::SQS::Queue resource (Queue), but services does not list sqs (Amazon SQS)',
    );
    expect(found[1]?.message).toContain('services lists lambda (AWS Lambda)');
  });
  test('a resource type mapped to no service is a warning at the line that makes it', () => {
    const odd = { Resources: { ...template.Resources, Odd: { Type: 'Custom::Odd' } } };
    const found = crossCheckServices(['vpc', 'sqs', 'iam', 'ssm', 'ec2', 'ebs'], odd, where);
    expect(found).toEqual([
      {
        code: 'OAR328',
        severity: 'warning',
        file: 'architectures/x/cdk/stack.ts',
        line: 12,
        col: 5,
        path: 'oar-x/Odd/Resource',
        message:
          'Custom::Odd (oar-x/Odd/Resource) is not mapped to any service id; add it to generators/check/service-evidence.ts',
      },
    ]);
  });
});

describe('services without resources of their own', () => {
  test('X-Ray is shown by a tracing setting, Cost Explorer by the ce: actions a policy grants', () => {
    const traced = {
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { TracingConfiguration: { Enabled: true } } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { TracingConfig: { Mode: 'Active' } } },
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { TracingEnabled: true } },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyDocument: { Statement: [{ Action: 'ce:GetCostAndUsage', Resource: '*' }] } },
      },
    };
    expect(Object.values(traced).map((r) => templateServices({ Resources: { R: r } }))).toEqual([
      new Set(['step-functions', 'x-ray']),
      new Set(['lambda', 'x-ray']),
      new Set(['api-gateway', 'x-ray']),
      new Set(['iam', 'ce']),
    ]);
    const untraced = {
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { TracingConfiguration: { Enabled: false } } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { TracingConfig: { Mode: 'PassThrough' } } },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyDocument: { Statement: [{ Action: 'cloudwatch:PutMetricData', Resource: '*' }] } },
      },
    };
    expect(templateServices({ Resources: untraced })).toEqual(new Set(['step-functions', 'lambda', 'iam']));
  });
});

describe('suspects of a failed deploy', () => {
  const template = {
    Resources: {
      Good: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '10.0.0.0/24' } },
      BadSubnet: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '192.168.0.0/24' } },
      Queue: { Type: 'AWS::SQS::Queue' },
    },
  };
  test('a quoted value in the error names the resource that holds it', () => {
    const range = {
      awsCode: 'InvalidSubnet.Range',
      message: "InvalidSubnet.Range: The CIDR '192.168.0.0/24' is invalid.",
    };
    expect(suspectResources(template, range)).toEqual([{ logicalId: 'BadSubnet', type: 'AWS::EC2::Subnet' }]);
  });
  test('otherwise the AWS error code names the resource type; words in the message do not', () => {
    const conflict = { awsCode: 'InvalidSubnet.Conflict', message: 'InvalidSubnet.Conflict: overlapping' };
    expect(suspectResources(template, conflict).map((r) => r.logicalId)).toEqual(['Good', 'BadSubnet']);
    expect(suspectResources(template, { message: 'InvalidSubnet.Conflict: overlapping' })).toEqual([]);
    expect(suspectResources(template, { awsCode: 'Throttling', message: 'Rate exceeded' })).toEqual([]);
  });
});
