// What this entry does beyond its claims (cdk/claims.ts), tested on its template with the default parameters
// and on the fleet-provisioning configuration. Run first:
// OAR_ENTRIES=iot-ingestion npx vitest run test/entries.test.ts architectures/iot-ingestion
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { ofType } from '../../../test/helpers/template.ts';
import { HOOK_CODE } from './provisioning.ts';

const ID = 'iot-ingestion';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, { fleet: ['fleetProvisioning=true', 'serialNumberPattern=^PLANT7-[0-9A-F]{8}$'] });
const fleet = runs.ok('fleet');

/** Runs the hook's inline code with the pattern, as Lambda would. */
async function hook(pattern: string, serial: unknown): Promise<unknown> {
  const module = { exports: {} as { handler?: (e: unknown) => Promise<unknown> } };
  runInNewContext(HOOK_CODE, { exports: module.exports, module, process: { env: { SERIAL_NUMBER_PATTERN: pattern } }, console: { log: () => undefined } });
  return module.exports.handler?.({ parameters: { SerialNumber: serial }, certificateId: 'abc' });
}

describe('the default configuration', () => {
  test('has no fleet provisioning, and says so in its outputs', () => {
    expect(ofType(template, 'AWS::IoT::ProvisioningTemplate')).toEqual([]);
    expect(JSON.stringify(template.toJSON()['Outputs'])).toContain('fleetProvisioning is off');
  });

  test('the rule archives through Firehose from the stream, compressed, one prefix per day', () => {
    const [stream] = ofType(template, 'AWS::KinesisFirehose::DeliveryStream');
    expect(stream?.Properties?.['DeliveryStreamType']).toBe('KinesisStreamAsSource');
    expect(stream?.Properties?.['ExtendedS3DestinationConfiguration']).toMatchObject({
      Prefix: 'telemetry/dt=!{timestamp:yyyy-MM-dd}/',
      CompressionFormat: 'GZIP',
      BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 64 },
    });
  });
});

describe('fleet provisioning', () => {
  test('the template registers <prefix>-<serial> of the fleet thing type, activates the certificate and attaches the device policy', () => {
    const [t] = ofType(fleet.template, 'AWS::IoT::ProvisioningTemplate');
    const body = JSON.stringify(t?.Properties?.['TemplateBody']);
    expect(body).toContain('device-');
    expect(body).toContain('\\"Status\\":\\"ACTIVE\\"');
    expect(t?.Properties?.['Enabled']).toBe(true);
    expect(t?.Properties?.['PreProvisioningHook']).toMatchObject({ PayloadVersion: '2020-04-01' });
  });

  test('the hook allows only serial numbers that match the pattern', async () => {
    await expect(hook('^PLANT7-[0-9A-F]{8}$', 'PLANT7-00A1B2C3')).resolves.toEqual({ allowProvisioning: true });
    await expect(hook('^PLANT7-[0-9A-F]{8}$', 'PLANT7-00A1B2C3X')).resolves.toEqual({ allowProvisioning: false });
    await expect(hook('^PLANT7-[0-9A-F]{8}$', undefined)).resolves.toEqual({ allowProvisioning: false });
  });

  test('only IoT Core in this account, for this template, may invoke the hook', () => {
    const [permission] = ofType(fleet.template, 'AWS::Lambda::Permission');
    expect(permission?.Properties).toMatchObject({ Principal: 'iot.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(JSON.stringify(permission?.Properties?.['SourceArn'])).toContain(':provisioningtemplate/oar-iot-ingestion-fleet');
  });
});
