// Expiry reaper: once a day, finds the provisioned products whose expires-after tag (7d, 30d, 90d; never and
// missing tags never expire) has passed, announces them on the events topic, and terminates those still there
// GRACE_DAYS later. Terminating runs the product's own launch role, which deletes its stack.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const {
  ServiceCatalogClient,
  SearchProvisionedProductsCommand,
  TerminateProvisionedProductCommand,
} = require('@aws-sdk/client-service-catalog');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const sc = new ServiceCatalogClient({});
const sns = new SNSClient({});
const DAY = 86400000;
const GRACE = Number(process.env.GRACE_DAYS) * DAY;
// Only products in a settled state: one being launched, updated or terminated is left alone.
const SETTLED = ['AVAILABLE', 'TAINTED', 'ERROR'];

function lifetimeOf(tags) {
  const tag = (tags || []).find((t) => t.Key === 'expires-after');
  const days = tag && /^(\d+)d$/.exec(tag.Value);
  return days ? Number(days[1]) * DAY : undefined;
}

exports.handler = async () => {
  const now = Date.now();
  const expiring = [];
  const terminated = [];
  let token;
  do {
    const page = await sc.send(
      new SearchProvisionedProductsCommand({
        AccessLevelFilter: { Key: 'Account', Value: 'self' },
        PageSize: 100,
        PageToken: token,
      }),
    );
    for (const p of page.ProvisionedProducts || []) {
      const life = lifetimeOf(p.Tags);
      if (life === undefined || !SETTLED.includes(p.Status)) continue;
      const expires = new Date(p.CreatedTime).getTime() + life;
      if (now >= expires + GRACE) {
        await sc.send(
          new TerminateProvisionedProductCommand({ ProvisionedProductId: p.Id, TerminateToken: `reaper-${p.Id}` }),
        );
        terminated.push(p.Name);
      } else if (now >= expires) {
        expiring.push({ name: p.Name, terminatedAfter: new Date(expires + GRACE).toISOString() });
      }
    }
    token = page.NextPageToken;
  } while (token);
  if (expiring.length > 0 || terminated.length > 0) {
    await sns.send(
      new PublishCommand({
        TopicArn: process.env.TOPIC_ARN,
        Subject: 'Expired environments',
        Message: JSON.stringify({ expiring, terminated }),
      }),
    );
  }
  return { expiring, terminated };
};
