// metrics-pipeline gather: the raw numbers of one run. Cost per environment tag value for the last two
// 7-day periods from Cost Explorer, and the current number of users from a DynamoDB table.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const ce = require('@aws-sdk/client-cost-explorer');
const db = require('@aws-sdk/client-dynamodb');

const E = process.env;
// Cost Explorer has one endpoint, in us-east-1, whichever Region the function runs in.
const CE = new ce.CostExplorerClient({ region: 'us-east-1' });
const DDB = new db.DynamoDBClient();
const DAY = 864e5;
const day = (t) => new Date(t).toISOString().slice(0, 10);

// Daily amounts of both periods in one paginated query (0.01 USD per page), summed per tag value.
async function costs(start, mid, end) {
  const sums = { previous: {}, current: {} };
  let estimated = false;
  let NextPageToken;
  do {
    const out = await CE.send(
      new ce.GetCostAndUsageCommand({
        TimePeriod: { Start: start, End: end },
        Granularity: 'DAILY',
        Metrics: [E.COST_METRIC],
        GroupBy: [{ Type: 'TAG', Key: E.COST_TAG_KEY }],
        Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
        NextPageToken,
      }),
    );
    for (const r of out.ResultsByTime) {
      const sum = r.TimePeriod.Start < mid ? sums.previous : sums.current;
      if (r.Estimated) estimated = true;
      for (const g of r.Groups ?? []) {
        // Keys look like "oar:env$prod"; "oar:env$" is usage without the tag.
        const env = g.Keys[0].slice(g.Keys[0].indexOf('$') + 1) || 'untagged';
        sum[env] = (sum[env] ?? 0) + Number(g.Metrics[E.COST_METRIC].Amount);
      }
    }
    NextPageToken = out.NextPageToken;
  } while (NextPageToken);
  return { ...sums, estimated, metric: E.COST_METRIC, tagKey: E.COST_TAG_KEY };
}

async function users(runAt) {
  if (!E.USERS_TABLE) return null;
  // A count describes now; a replay of an old run must not file it under a past date.
  if (Date.now() - Date.parse(runAt) > 36 * 36e5) return { skipped: 'not counted for a past run' };
  if (E.USERS_COUNT_METHOD === 'scan') {
    let total = 0;
    let ExclusiveStartKey;
    do {
      const out = await DDB.send(new db.ScanCommand({ TableName: E.USERS_TABLE, Select: 'COUNT', ExclusiveStartKey }));
      total += out.Count;
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return { total, method: 'scan' };
  }
  // ItemCount is refreshed by DynamoDB about every six hours: free, and close enough for a weekly trend.
  const out = await DDB.send(new db.DescribeTableCommand({ TableName: E.USERS_TABLE }));
  return { total: out.Table.ItemCount, method: 'describe' };
}

// Input: the EventBridge event (its time names the run), or {} or {"time": "..."} for a manual run.
exports.handler = async (event) => {
  const runAt = new Date(event?.time ?? Date.now()).toISOString();
  const end = Date.parse(day(runAt)) - Number(E.DATA_LAG_DAYS) * DAY;
  const [start, mid] = [end - 14 * DAY, end - 7 * DAY];
  return {
    runAt,
    runDate: day(runAt),
    // Periods are 7 UTC days; end is exclusive, as in Cost Explorer.
    period: { start: day(mid), end: day(end) },
    previousPeriod: { start: day(start), end: day(mid) },
    cost: E.COST_ENABLED === 'true' ? await costs(day(start), day(mid), day(end)) : null,
    users: await users(runAt),
  };
};
