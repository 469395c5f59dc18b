// What this entry does beyond its claims (cdk/claims.ts), tested on its template with the default parameters.
// Run first: OAR_ENTRIES=streaming-analytics npx vitest run test/entries.test.ts architectures/streaming-analytics
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';
import { databaseNameOf } from './stack.ts';
import { COLUMNS, PARTITION } from './table.ts';

const ID = 'streaming-analytics';
const template = entryTemplate(ID);

describe('names', () => {
  test('the Glue database name is the stack name in lowercase letters, digits and underscores', () => {
    expect(databaseNameOf('oar-streaming-analytics-Prod')).toBe('oar_streaming_analytics_prod');
    expect(databaseNameOf('--a--b--')).toBe('a_b');
  });
});

describe('the Iceberg table', () => {
  test('declares every column the job writes and the event_date partition, as an Iceberg v2 table', () => {
    const table = onlyProps(template, 'AWS::Glue::Table');
    const input = table['TableInput'] as { StorageDescriptor: { Columns: unknown[] }; PartitionKeys: unknown[] };
    expect(input.StorageDescriptor.Columns).toEqual(COLUMNS.map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })));
    expect(input.PartitionKeys).toEqual([{ Name: PARTITION.name, Type: PARTITION.type, Comment: PARTITION.comment }]);
    expect(table['OpenTableFormatInput']).toEqual({ IcebergInput: { MetadataOperation: 'CREATE', Version: '2' } });
  });
});

describe('the Flink application', () => {
  test('tells the job where the stream and the table are', () => {
    const config = onlyProps(template, 'AWS::KinesisAnalyticsV2::Application')['ApplicationConfiguration'] as {
      EnvironmentProperties: { PropertyGroups: { PropertyGroupId: string; PropertyMap: Record<string, unknown> }[] };
    };
    const [group] = config.EnvironmentProperties.PropertyGroups;
    expect(group?.PropertyGroupId).toBe('StreamToIceberg');
    expect(Object.keys(group?.PropertyMap ?? {}).sort()).toEqual(
      ['aws.region', 'iceberg.catalog', 'iceberg.database', 'iceberg.table', 'iceberg.warehouse', 'stream.arn', 'stream.initial.position'].sort(),
    );
    expect(group?.PropertyMap['iceberg.table']).toBe('events');
  });

  test('logs to its own log group through one log stream', () => {
    const option = onlyProps(template, 'AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption');
    const arn = JSON.stringify(option['CloudWatchLoggingOption']);
    const [group] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    const [stream] = Object.keys(template.findResources('AWS::Logs::LogStream'));
    expect(arn).toContain(`":log-group:",{"Ref":"${String(group)}"},":log-stream:",{"Ref":"${String(stream)}"}`);
    expect(onlyProps(template, 'AWS::Logs::LogStream')['LogStreamName']).toBe('application');
  });
});
