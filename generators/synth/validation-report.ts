import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import type { SourceSite } from './construct-sites.ts';

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
 * when a validation plugin reports anything: cdk-nag's as OAR308, the built-in
 * CloudFormation validator's as OAR309, each at the line `locate` gives for its
 * construct. CloudFormation schema violations count as errors even though CDK
 * only warns: a template with an unknown property fails at deploy time.
 */
export function readValidationReport(outdir: string, locate: (constructPath: string) => SourceSite): Diagnostic[] {
  const file = join(outdir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const found: Diagnostic[] = [];
  for (const plugin of report.pluginReports ?? []) {
    const nag = plugin.pluginName === 'AwsSolutions';
    for (const v of plugin.violations ?? []) {
      const schemaProblem = !nag && v.ruleMetadata?.category === 'Schema';
      const severity = v.severity === 'error' || schemaProblem ? 'error' : 'warning';
      for (const c of v.violatingConstructs ?? [{ constructPath: '(stack)' }]) {
        const site = locate(c.constructPath);
        found.push(
          diag(nag ? 'OAR308' : 'OAR309', site.file, `${v.ruleName} at ${c.constructPath}: ${v.description}`, {
            line: site.line,
            col: site.col,
            path: c.constructPath,
            severity,
          }),
        );
      }
    }
  }
  return found;
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
