// What the claims do not cover: the web servers' user data, and the parameter conversions.
// Run: OAR_ENTRIES=windows-dotnet-estate npx vitest run test/entries.test.ts architectures/windows-dotnet-estate
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';

const ID = 'windows-dotnet-estate';
const template = entryTemplate(ID);
const userData = JSON.stringify((onlyProps(template, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Record<string, unknown>)['UserData']);

describe('web server user data', () => {
  test('installs IIS with ASP.NET and writes the health page the target group checks', () => {
    expect(userData).toContain('Install-WindowsFeature Web-Server,Web-Asp-Net45');
    expect(userData).toContain('health.html');
  });

  test('joins the domain into the directory’s Computers OU with the join account, never the Admin', () => {
    expect(userData).toContain('OU=Computers,OU=CORP,DC=corp,DC=example,DC=com');
    expect(userData).toContain('Get-SECSecretValue');
    expect(userData).not.toContain('AdminSecret');
  });

  test('starts from the newest Windows Server 2022 image, resolved at launch', () => {
    const data = onlyProps(template, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Record<string, unknown>;
    expect(data['ImageId']).toBe('resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base');
  });
});

describe('database', () => {
  test('takes the instance class as RDS names it, with one db. prefix', () => {
    expect(onlyProps(template, 'AWS::RDS::DBInstance')['DBInstanceClass']).toBe('db.m6i.xlarge');
  });
});
