/**
 * When an AWS call is answered by something that is not an AWS API (an HTML error page from an
 * emulator that lacks the call, a proxy, a wrong AWS_ENDPOINT_URL), the SDK fails to parse it
 * and says only `XML parse error: unexpected content`. This says which call, which endpoint
 * answered, what it answered, and the likely cause.
 */

/** How the AWS SDK v3 reports a response it could not parse as the service's protocol. */
const UNPARSABLE = /XML parse error|Deserialization error|is not valid JSON|Unexpected token|Unexpected end of JSON/iu;

/** The parts of an SDK error that show what answered. */
interface RawAnswer {
  readonly $response?: { readonly statusCode?: number; readonly headers?: Record<string, string | undefined> };
  readonly $responseBodyText?: string;
}

/** The last call the SDK logged as failed, from toolkit-lib's SDK trace (CDK_SDK_I0100): `CloudFormation.DeleteChangeSet`. */
export function failedCallOf(traceLine: string): string | undefined {
  return /\[SDK error\](?: \[[^\]]*\])? ([A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*)\(/u.exec(traceLine)?.[1];
}

/** The endpoint the SDK talks to: AWS_ENDPOINT_URL when set, else AWS itself. */
export function endpointInUse(env: NodeJS.ProcessEnv = process.env): string {
  return env['AWS_ENDPOINT_URL'] ?? 'the AWS endpoint of the region';
}

/** An explanation when `error` is an answer that is not an AWS response; undefined for any other error. */
export function foreignAnswer(
  error: unknown,
  failedCall: string | undefined,
  endpoint = endpointInUse(),
): string | undefined {
  if (!(error instanceof Error) || !UNPARSABLE.test(error.message)) return undefined;
  const raw = error as Error & RawAnswer;
  const status = raw.$response?.statusCode;
  const type = raw.$response?.headers?.['content-type'];
  const body = (raw.$responseBodyText ?? '').replace(/\s+/gu, ' ').trim().slice(0, 120);
  const answered = [
    status === undefined ? undefined : `HTTP ${String(status)}`,
    type === undefined ? undefined : type,
    body ? `"${body}"` : undefined,
  ].filter(Boolean);
  const what =
    answered.length > 0
      ? answered.join(', ')
      : `something the SDK could not read (${error.message.split('\n')[0] ?? ''})`;
  return (
    `${failedCall ?? 'an AWS call'} to ${endpoint} was answered with ${what}, which is not an AWS response. ` +
    'Likely causes: AWS_ENDPOINT_URL points at something that is not an AWS API; or the endpoint is an emulator ' +
    'that does not support this call or a resource type of the stack (oar emulator prints what it skips); ' +
    'or a proxy answered instead of AWS'
  );
}
