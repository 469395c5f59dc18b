import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';

/** The logRetentionDays values that architecture.yaml allows, as CloudWatch Logs retention. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  7: logs.RetentionDays.ONE_WEEK,
  14: logs.RetentionDays.TWO_WEEKS,
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
};

export function retentionOf(days: number): logs.RetentionDays {
  const retention = RETENTION[days];
  if (retention === undefined) {
    throw new Error(`logRetentionDays ${days} is not one of ${Object.keys(RETENTION).join(', ')}; use one of those`);
  }
  return retention;
}

/** The bucket and key of an s3:// URL, or undefined for any other URL. */
export function s3Location(url: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/u.exec(url);
  if (!match) return undefined;
  const [, bucket = '', key = ''] = match;
  return { bucket, key };
}

/** A fixed Linux AMI; the ID is valid in one Region only. */
export function fixedImage(imageId: string): ec2.IMachineImage {
  return {
    getImage: () => ({ imageId, osType: ec2.OperatingSystemType.LINUX, userData: ec2.UserData.forLinux() }),
  };
}

/**
 * Replaces every `{{name}}` in a bootstrap template with the shell-quoted value. A name
 * without a value, or a value that the template never uses, is an error in this file.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const text = template.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`bootstrap template uses {{${name}}}, which the stack does not set`);
    used.add(name);
    return shellQuote(value);
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`bootstrap template does not use ${unused.join(', ')}`);
  return text;
}

/** Single-quotes a value for bash; CDK tokens inside stay intact and resolve at deploy time. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
