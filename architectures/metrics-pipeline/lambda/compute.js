// metrics-pipeline compute: turns the gathered numbers into data points (week-over-week user growth,
// cost per environment and its change) and a plain-text report. The previous user count comes from
// the series table, so the growth is right whatever the schedule and after a missed run.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const db = require('@aws-sdk/client-dynamodb');

const E = process.env;
const DDB = new db.DynamoDBClient();
const DAY = 864e5;
const r2 = (n) => Math.round(n * 100) / 100;
const pct = (now, before) => (before > 0 ? r2(((now - before) / before) * 100) : null);
const signed = (n, unit = '') => (n === null ? 'n/a' : `${n >= 0 ? '+' : ''}${n}${unit}`);
const lastDay = (end) => new Date(Date.parse(end) - DAY).toISOString().slice(0, 10);
const cutoff = (runDate) => new Date(Date.parse(runDate) - 7 * DAY).toISOString().slice(0, 10);

// The newest stored count at least 7 days older than this run.
async function before(series, runDate) {
  const out = await DDB.send(
    new db.QueryCommand({
      TableName: E.SERIES_TABLE,
      KeyConditionExpression: 'series = :s AND #d <= :c',
      ExpressionAttributeNames: { '#d': 'date' },
      ExpressionAttributeValues: { ':s': { S: series }, ':c': { S: cutoff(runDate) } },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const it = out.Items?.[0];
  return it ? { date: it.date.S, value: Number(it.value.N) } : null;
}
exports.handler = async (input) => {
  const { runDate, period, cost, users } = input;
  const points = [];
  const text = [`Metrics for ${period.start} to ${lastDay(period.end)} (UTC), run at ${input.runAt}`, ''];
  const headline = [];
  const point = (series, metric, value, unit, env) =>
    points.push({ series, metric, value, unit, dimensions: env === undefined ? {} : { Environment: env } });

  if (users?.total !== undefined) {
    const prev = await before('users/total', runDate);
    point('users/total', 'UserCount', users.total, 'Count');
    const growth = prev ? pct(users.total, prev.value) : null;
    text.push(`Users (${users.method} count at run time): ${users.total}`);
    if (prev) {
      point('users/new', 'NewUsers', users.total - prev.value, 'Count');
      text.push(`  ${signed(users.total - prev.value)} since ${prev.date}, ${signed(growth, ' %')}`);
      if (growth !== null) point('users/growth', 'UserGrowthPercent', growth, 'Percent');
    } else text.push('  no count from 7 or more days ago yet, so no growth');
    headline.push(`users ${users.total} (${signed(growth, ' %')})`);
    text.push('');
  } else if (users?.skipped) text.push(`Users: ${users.skipped}`, '');

  if (cost) {
    const envs = [...new Set([...Object.keys(cost.current), ...Object.keys(cost.previous)])].sort();
    const row = (a, b, c, d) => `  ${a.padEnd(24)}${b.padStart(12)}${c.padStart(12)}${d.padStart(10)}`;
    text.push(`Cost by ${cost.tagKey} (${cost.metric}, USD, credits and refunds left out)`);
    text.push(row('', 'this period', 'previous', 'change'));
    let [now, was] = [0, 0];
    for (const env of envs) {
      const [c, p] = [r2(cost.current[env] ?? 0), r2(cost.previous[env] ?? 0)];
      [now, was] = [now + c, was + p];
      point(`cost/${env}`, 'WeeklyCost', c, 'None', env);
      if (p > 0) point(`cost-change/${env}`, 'WeeklyCostChangePercent', pct(c, p), 'Percent', env);
      text.push(row(env, c.toFixed(2), p.toFixed(2), signed(pct(c, p), '%')));
    }
    [now, was] = [r2(now), r2(was)];
    point('cost-total', 'TotalWeeklyCost', now, 'None');
    text.push(row('total', now.toFixed(2), was.toFixed(2), signed(pct(now, was), '%')));
    if (cost.estimated) text.push('Cost Explorer marks some of these days as estimated; the figures can still change.');
    headline.push(`cost ${now.toFixed(2)} USD (${signed(pct(now, was), ' %')})`);
    text.push('');
  }

  const prefix = `runs/date=${runDate}/`;
  text.push(`History: s3://${E.HISTORY_BUCKET}/${prefix}`);
  const subject = `Metrics ${period.start} to ${lastDay(period.end)}: ${headline.join(', ')}`;
  return { ...input, points, prefix, report: { subject: subject.slice(0, 99), text: text.join('\n') } };
};
