// metrics-pipeline store: keeps one run three ways. The whole run as JSON and its data points as CSV in
// the history bucket (Athena-friendly date= prefixes), each point in the series table for later
// comparisons, and each point as a custom CloudWatch metric for the dashboard. Rerunning a day overwrites.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const s3 = require('@aws-sdk/client-s3');
const db = require('@aws-sdk/client-dynamodb');
const cw = require('@aws-sdk/client-cloudwatch');

const E = process.env;
const [S3, DDB, CW] = [new s3.S3Client(), new db.DynamoDBClient(), new cw.CloudWatchClient()];
const DAY = 864e5;
const cell = (v) => (/[",\n]/.test(`${v}`) ? `"${`${v}`.replace(/"/g, '""')}"` : `${v}`);

exports.handler = async (input) => {
  const { runAt, runDate, points, prefix } = input;
  const put = (name, Body, ContentType) =>
    S3.send(new s3.PutObjectCommand({ Bucket: E.HISTORY_BUCKET, Key: prefix + name, Body, ContentType }));
  const rows = points.map((p) => [runDate, p.series, p.metric, p.dimensions.Environment ?? '', p.value, p.unit]);
  const csv = [['run_date', 'series', 'metric', 'environment', 'value', 'unit'], ...rows];
  await put('run.json', JSON.stringify(input, null, 2), 'application/json');
  await put('points.csv', csv.map((r) => r.map(cell).join(',')).join('\n') + '\n', 'text/csv');

  const days = Number(E.RETENTION_DAYS);
  const expires = days > 0 ? { expiresAt: { N: `${Math.floor(Date.parse(runAt) / 1000) + days * 86400}` } } : {};
  for (const p of points) {
    const Item = { series: { S: p.series }, date: { S: runDate }, value: { N: `${p.value}` }, unit: { S: p.unit } };
    await DDB.send(
      new db.PutItemCommand({ TableName: E.SERIES_TABLE, Item: { ...Item, runAt: { S: runAt }, ...expires } }),
    );
  }

  // CloudWatch takes data points up to two weeks old; a replay of an older run only fills the history.
  let metrics = 0;
  if (Date.now() - Date.parse(runAt) < 13 * DAY) {
    for (let i = 0; i < points.length; i += 500) {
      const MetricData = points.slice(i, i + 500).map((p) => ({
        MetricName: p.metric,
        Dimensions: Object.entries(p.dimensions).map(([Name, Value]) => ({ Name, Value })),
        Timestamp: new Date(runAt),
        Value: p.value,
        Unit: p.unit,
      }));
      await CW.send(new cw.PutMetricDataCommand({ Namespace: E.METRIC_NAMESPACE, MetricData }));
      metrics += MetricData.length;
    }
  }
  console.log(JSON.stringify({ msg: 'stored', runDate, points: points.length, metrics }));
  return { ...input, stored: { uri: `s3://${E.HISTORY_BUCKET}/${prefix}`, points: points.length, metrics } };
};
