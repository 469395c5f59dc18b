// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. A failure mode, fork change or compliance constraint names these ids in
// its `checks`; oar check fails, at that YAML line, when the stack stops keeping one. Test the property
// promised, not only that a resource exists. Run: npx oar check entry-template
import assert from 'node:assert/strict';
import { claim } from '../../../generators/check/claims/claim.ts';

export default [
  claim('load-balancer-spans-zones', 'The load balancer has a subnet in each of azCount zones', (t) => {
    const [lb] = t.resources('AWS::ElasticLoadBalancingV2::LoadBalancer');
    const subnets = (lb?.Properties?.['Subnets'] ?? []) as unknown[];
    assert.equal(subnets.length, Number(t.parameters['azCount']), 'the load balancer is not in every zone');
  }),
];
