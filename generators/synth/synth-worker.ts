/**
 * A child process that synthesizes entries one after another (see synth-pool.ts).
 * Each worker pays aws-cdk-lib's import and the CloudFormation validator's
 * start-up once, not once per entry.
 */
import { OarError, type Diagnostic } from '../../lib/diagnostics.ts';
import { runClaims, type ClaimsOutcome, type ClaimsRequest } from '../check/claims/run-claims.ts';
import { synthEntry, type SynthRequest, type SynthResult } from './synth-entry.ts';

/** Claims run against a template that is already synthesized: a fork's change checks against its parent. */
export interface ClaimsJob extends ClaimsRequest {
  readonly kind: 'claims';
  /** The entry whose claims run. */
  readonly id: string;
}

/** What a worker is asked to do. */
export type WorkerRequest = SynthRequest | ClaimsJob;

/** Why an entry did not synthesize: the code and message `oar synth` prints, and the diagnostic `oar check` reports. */
export interface SynthFailure {
  readonly code: string;
  readonly message: string;
  readonly diagnostic?: Diagnostic;
}

interface Usage {
  /** The worker's peak resident memory so far, in MiB. */
  readonly peakRssMb?: number;
}

/** What the worker sends back for a synth request. */
export type SynthReply = (
  { readonly id: string; readonly ok: SynthResult } | { readonly id: string; readonly error: SynthFailure }
) &
  Usage;

/** What the worker sends back for a claims job; a problem, not an error, when the claims could not run. */
export type ClaimsReply = { readonly id: string; readonly claims: ClaimsOutcome } & Usage;

/** What the worker sends back for each request. */
export type WorkerReply = SynthReply | ClaimsReply;

/** The reply a request gets. */
export type ReplyTo<R extends WorkerRequest> = R extends ClaimsJob ? ClaimsReply : SynthReply;

/** Peak resident memory of this process, in MiB (resourceUsage reports KiB). */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

process.on('message', (req: WorkerRequest) => {
  if ('kind' in req) {
    void runClaims(req).then(
      (claims) => process.send?.({ id: req.id, claims, peakRssMb: peakRssMb() } satisfies WorkerReply),
      (error: unknown) =>
        process.send?.({
          id: req.id,
          claims: { declared: [], results: [], problem: error instanceof Error ? error.message : String(error) },
          peakRssMb: peakRssMb(),
        } satisfies WorkerReply),
    );
    return;
  }
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
