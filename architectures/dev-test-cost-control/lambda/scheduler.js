// Instance scheduler: stops (event.action "stop") or starts ("start") the EC2 instances tagged TAG_KEY=TAG_VALUE.
// Instances of an Auto Scaling group are skipped: the group would replace a stopped instance.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { EC2Client, DescribeInstancesCommand, StopInstancesCommand, StartInstancesCommand } = require('@aws-sdk/client-ec2');
const ec2 = new EC2Client({});

exports.handler = async (event) => {
  const stop = event.action === 'stop';
  if (!stop && event.action !== 'start') throw new Error(`unknown action ${event.action}`);
  const ids = [];
  let token;
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${process.env.TAG_KEY}`, Values: [process.env.TAG_VALUE] },
          { Name: 'instance-state-name', Values: [stop ? 'running' : 'stopped'] },
        ],
        NextToken: token,
      }),
    );
    for (const r of page.Reservations || []) {
      for (const i of r.Instances || []) {
        if ((i.Tags || []).some((t) => t.Key === 'aws:autoscaling:groupName')) continue;
        ids.push(i.InstanceId);
      }
    }
    token = page.NextToken;
  } while (token);
  for (let k = 0; k < ids.length; k += 50) {
    const batch = ids.slice(k, k + 50);
    await ec2.send(stop ? new StopInstancesCommand({ InstanceIds: batch }) : new StartInstancesCommand({ InstanceIds: batch }));
  }
  return { action: event.action, instances: ids };
};
