/**
 * A child process that synthesizes entries one after another (see synth-pool.ts).
 * Each worker pays aws-cdk-lib's import and the CloudFormation validator's
 * start-up once, not once per entry.
 */
import { OarError, type Diagnostic } from '../../lib/diagnostics.ts';
import { synthEntry, type SynthRequest, type SynthResult } from './synth-entry.ts';

/** Why an entry did not synthesize: the code and message `oar synth` prints, and the diagnostic `oar check` reports. */
export interface SynthFailure {
  readonly code: string;
  readonly message: string;
  readonly diagnostic?: Diagnostic;
}

/** What the worker sends back for each request. */
export type WorkerReply = (
  { readonly id: string; readonly ok: SynthResult } | { readonly id: string; readonly error: SynthFailure }
) & {
  /** The worker's peak resident memory so far, in MiB. */
  readonly peakRssMb?: number;
};

/** Peak resident memory of this process, in MiB (resourceUsage reports KiB). */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

process.on('message', (req: SynthRequest) => {
  void synthEntry(req).then(
    (ok) => process.send?.({ id: req.id, ok, peakRssMb: peakRssMb() } satisfies WorkerReply),
    (error: unknown) => {
      const code = error instanceof OarError ? error.code : 'OAR306';
      const message = error instanceof Error ? error.message : String(error);
      const diagnostic = error instanceof OarError ? error.diagnostics[0] : undefined;
      process.send?.({
        id: req.id,
        error: { code, message, ...(diagnostic ? { diagnostic } : {}) },
        peakRssMb: peakRssMb(),
      } satisfies WorkerReply);
    },
  );
});
