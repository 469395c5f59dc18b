import { describe, expect, it } from 'vitest';
import { endpointInUse, failedCallOf, foreignAnswer } from '../../generators/deploy/foreign-answer.ts';

/** An error as the AWS SDK v3 throws when it cannot parse an answer, with the raw response attached. */
function unparsable(message: string, status?: number, type?: string, body?: string): Error {
  return Object.assign(new Error(message), {
    ...(status === undefined
      ? {}
      : { $response: { statusCode: status, headers: type ? { 'content-type': type } : {} } }),
    ...(body === undefined ? {} : { $responseBodyText: body }),
  });
}

describe('an answer that is not an AWS response', () => {
  it('names the call, the endpoint and what answered, and the likely causes', () => {
    const error = unparsable(
      '@aws-sdk XML parse error: unexpected content.',
      500,
      'text/html; charset=utf-8',
      '<html>\n  <title>500 Internal Server Error</title></html>',
    );
    expect(foreignAnswer(error, 'CloudFormation.DeleteChangeSet', 'http://localhost:5000')).toBe(
      'CloudFormation.DeleteChangeSet to http://localhost:5000 was answered with HTTP 500, text/html; charset=utf-8, "<html> <title>500 Internal Server Error</title></html>", which is not an AWS response. Likely causes: AWS_ENDPOINT_URL points at something that is not an AWS API; or the endpoint is an emulator that does not support this call or a resource type of the stack (oar emulator prints what it skips); or a proxy answered instead of AWS',
    );
  });

  it("quotes the SDK's own words when the raw response is gone", () => {
    const said = foreignAnswer(unparsable('Deserialization error: to see the raw response, inspect…'), undefined, 'x');
    expect(said).toMatch(
      /^an AWS call to x was answered with something the SDK could not read \(Deserialization error/u,
    );
  });

  it('leaves every other error alone', () => {
    expect(
      foreignAnswer(new Error('ValidationError: Template format error'), 'CloudFormation.CreateStack'),
    ).toBeUndefined();
    expect(foreignAnswer('XML parse error', undefined)).toBeUndefined();
  });

  it("reads the failed call from toolkit-lib's SDK trace", () => {
    expect(
      failedCallOf(
        '[SDK error] [7 attempts, 39032ms retry] CloudFormation.DeleteChangeSet({"ChangeSetName":"x"}) -> Error: @aws-sdk XML parse error',
      ),
    ).toBe('CloudFormation.DeleteChangeSet');
    expect(failedCallOf('[SDK info] SSM.GetParameter({"Name":"v"}) -> OK')).toBeUndefined();
  });

  it('says AWS itself when no endpoint is set', () => {
    expect(endpointInUse({ AWS_ENDPOINT_URL: 'http://localhost:1' })).toBe('http://localhost:1');
    expect(endpointInUse({})).toBe('the AWS endpoint of the region');
  });
});
