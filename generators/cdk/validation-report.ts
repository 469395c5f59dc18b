import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a synth finding came from. */
export type FindingSource = 'cdk-nag' | 'cfn-validate' | 'cfn-lint' | 'services' | 'diagram';

/** One problem a checker found in a synthesized template. */
export interface Finding {
  readonly source: FindingSource;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Construct path, e.g. Stack/Vpc/Resource, or the template's logical id. */
  readonly where: string;
}

/** A finding the entry's code acknowledged, with the reason it gave. */
export interface Acknowledgement {
  readonly rule: string;
  readonly reason: string;
  readonly where: string;
}

interface Report {
  readonly pluginReports?: readonly {
    readonly pluginName: string;
    readonly violations?: readonly {
      readonly ruleName: string;
      readonly description: string;
      readonly severity?: string;
      readonly ruleMetadata?: { readonly category?: string };
      readonly violatingConstructs?: readonly { readonly constructPath: string }[];
    }[];
  }[];
}

/**
 * Findings from the cloud assembly's validation-report.json, which CDK writes
 * when a validation plugin (cdk-nag, the built-in CloudFormation validator)
 * reports anything. CloudFormation schema violations count as errors even though
 * CDK only warns: a template with an unknown property fails at deploy time.
 */
export function readValidationReport(outdir: string): Finding[] {
  const file = join(outdir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const findings: Finding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    const source: FindingSource = plugin.pluginName === 'AwsSolutions' ? 'cdk-nag' : 'cfn-validate';
    for (const v of plugin.violations ?? []) {
      const schemaProblem = source === 'cfn-validate' && v.ruleMetadata?.category === 'Schema';
      const severity = v.severity === 'error' || schemaProblem ? 'error' : 'warning';
      for (const c of v.violatingConstructs ?? [{ constructPath: '(stack)' }]) {
        findings.push({ source, rule: v.ruleName, severity, message: v.description, where: c.constructPath });
      }
    }
  }
  return findings;
}

const ACK_KEY = 'aws:cdk:acknowledged-rules';

interface ConstructLike {
  readonly node: {
    readonly path: string;
    readonly metadata: readonly { readonly type: string; readonly data?: unknown }[];
    findAll(): readonly ConstructLike[];
  };
}

/** The acknowledgements recorded with Validations.of(c).acknowledge() anywhere in the app. */
export function collectAcknowledgements(app: ConstructLike): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const c of app.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== ACK_KEY || typeof m.data !== 'object' || m.data === null) continue;
      for (const [rule, reason] of Object.entries(m.data as Record<string, unknown>)) {
        // CDK records plain ids under an `Annotation::` prefix; show the rule as the author wrote it.
        out.push({ rule: rule.replace(/^[A-Za-z-]+::/u, ''), reason: String(reason), where: c.node.path });
      }
    }
  }
  return out.sort((a, b) => a.where.localeCompare(b.where) || a.rule.localeCompare(b.rule));
}
