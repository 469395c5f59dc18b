import type { IIoHost, IoMessage, IoRequest, ValidateResult } from '@aws-cdk/toolkit-lib';
import { failedCallOf } from './foreign-answer.ts';

/** A resource CloudFormation failed to create, update or delete, and why. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason: string;
}

interface StackEventData {
  readonly event?: {
    readonly LogicalResourceId?: string;
    readonly ResourceType?: string;
    readonly ResourceStatus?: string;
    readonly ResourceStatusReason?: string;
  };
}

/**
 * Routes toolkit-lib's messages to the terminal: stack events as progress
 * lines, warnings and errors as they come, everything else only with --verbose.
 * It remembers failed resources so a failed deploy can name them, and answers
 * every question with its default, because oar asks for confirmation itself.
 */
export class OarIoHost implements IIoHost {
  readonly failures: ResourceFailure[] = [];
  readonly diffText: string[] = [];
  /**
   * Shows warnings only with --verbose while set: the diff of an account that is not
   * bootstrapped warns that the lookup role or bootstrap version is missing, which
   * oar's own bootstrap line explains.
   */
  quietWarnings = false;
  /** The last AWS call that failed, from toolkit-lib's SDK trace: `CloudFormation.DeleteChangeSet`. */
  lastFailedCall: string | undefined;
  /** Whether the last deploy changed nothing (toolkit-lib's result on success, I5900). */
  noOp: boolean | undefined;
  private readonly print: (line: string) => void;
  private readonly verbose: boolean;

  constructor(print: (line: string) => void, verbose = false) {
    this.print = print;
    this.verbose = verbose;
  }

  async notify(msg: IoMessage<unknown>): Promise<void> {
    if (msg.code === 'CDK_TOOLKIT_I5502' || msg.code === 'CDK_TOOLKIT_I7502') {
      this.onStackEvent(msg.data as StackEventData);
      return;
    }
    if (msg.code === 'CDK_TOOLKIT_I4002' || msg.code === 'CDK_TOOLKIT_I4001') {
      this.diffText.push(msg.message);
      return;
    }
    if (msg.code === 'CDK_SDK_I0100') this.lastFailedCall = failedCallOf(msg.message) ?? this.lastFailedCall;
    if (msg.code === 'CDK_TOOLKIT_I5900') {
      this.noOp = (msg.data as { noOp?: boolean } | undefined)?.noOp === true;
    }
    if (msg.code === 'CDK_TOOLKIT_E9600') {
      this.onValidation(msg.data as ValidateResult);
      return;
    }
    if (msg.level === 'error' || (msg.level === 'warn' && !this.quietWarnings))
      this.print(`${msg.level === 'error' ? 'error' : 'warning'}: ${msg.message.trim()}`);
    else if (this.verbose) this.print(`[${msg.code}] ${msg.message.trim()}`);
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (this.verbose) this.print(`[${msg.code}] ${msg.message.trim()} (answered: ${String(msg.defaultResponse)})`);
    return msg.defaultResponse;
  }

  /**
   * toolkit-lib sends the assembly's validation report, CDK annotations included, as one
   * message at error level whatever it holds; each finding is printed at its own severity.
   */
  private onValidation(result: ValidateResult): void {
    for (const report of result.pluginReports) {
      for (const v of report.violations) {
        const level =
          v.severity === 'error' || v.severity === 'fatal' ? 'error' : v.severity === 'warning' ? 'warning' : 'info';
        if (level === 'info' && !this.verbose) continue;
        const where = v.violatingConstructs.map((c) => c.constructPath).join(', ');
        this.print(`${level}: ${v.description.trim()} (${v.ruleName})${where ? ` at ${where}` : ''}`);
      }
    }
  }

  private onStackEvent(data: StackEventData): void {
    const e = data.event;
    if (!e?.LogicalResourceId) return;
    const status = e.ResourceStatus ?? '';
    const reason = e.ResourceStatusReason ?? '';
    this.print(`  ${status.padEnd(20)} ${e.ResourceType ?? ''} ${e.LogicalResourceId}${reason ? `: ${reason}` : ''}`);
    // A resource CloudFormation stopped because another failed says so only in its reason ("Resource creation cancelled").
    if (status.endsWith('_FAILED') && e.ResourceType !== 'AWS::CloudFormation::Stack' && !/cancelled/iu.test(reason)) {
      this.failures.push({ logicalId: e.LogicalResourceId, type: e.ResourceType ?? '', status, reason });
    }
  }
}
