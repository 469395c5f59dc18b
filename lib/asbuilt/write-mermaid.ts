import { INTERNET } from './flows.ts';
import type { Collapsed, Node, NodeEdge } from './collapse.ts';
import { groupLabel, nodeLines, subnetGroupLabel, vpcLabel } from './labels.ts';
import { commentText, mermaidLabel, mermaidText } from './mermaid-text.ts';
import type { EmptyPlaces, Network } from './placement.ts';

// Types drawn as a cylinder, as people draw data stores.
const STORES = new Set([
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::SQS::Queue',
  'AWS::EFS::FileSystem',
  'AWS::FSx::FileSystem',
  'AWS::Kinesis::Stream',
  'AWS::S3Tables::TableBucket',
  'AWS::S3Vectors::VectorBucket',
  'AWS::Backup::BackupVault',
  'AWS::ElastiCache::ReplicationGroup',
]);

/** What the writer draws: the collapsed boxes, the network they sit in, and the comment lines to head it. */
export interface Drawing {
  readonly collapsed: Collapsed;
  readonly network: Network;
  readonly empty: EmptyPlaces;
  readonly comments: readonly string[];
}

/**
 * The mermaid flowchart of a drawing: boxes outside any VPC first, then each VPC with its boxes and its
 * subnet groups (an empty VPC or group is drawn as a box), each place's boxes grouped by service when a service
 * has more than one; then the edges. Every id is the writer's own (n0, g0…); every label is escaped.
 */
export function writeMermaid(d: Drawing): string {
  const lines = ['flowchart LR', ...d.comments.map((c) => `  %% ${commentText(c)}`)];
  const { nodes, edges } = d.collapsed;
  let subgraphs = 0;
  const open = (label: string, indent: string) =>
    lines.push(`${indent}subgraph g${subgraphs++}["${mermaidText(label)}"]`);
  const place = (indent: string, at: (n: Node) => boolean) => {
    const here = nodes.map((n, i) => [n, i] as const).filter(([n]) => at(n));
    const groups = [...new Set(here.map(([n]) => n.group))];
    for (const group of groups) {
      const members = here.filter(([n]) => n.group === group);
      const boxed = members.length > 1;
      if (boxed) open(groupLabel(group), indent);
      for (const [n, i] of members) lines.push(`${indent}${boxed ? '  ' : ''}${box(n, i, boxed)}`);
      if (boxed) lines.push(`${indent}end`);
    }
  };
  if (edges.some((e) => e.from === INTERNET)) lines.push('  internet(("Internet"))');
  place('  ', (n) => n.place.vpc === undefined);
  let empty = 0;
  for (const vpc of d.network.vpcs) {
    if (d.empty.vpcs.has(vpc.id)) {
      lines.push(`  e${empty++}["${mermaidText(vpcLabel(vpc))}"]`);
      continue;
    }
    open(vpcLabel(vpc), '  ');
    place('    ', (n) => n.place.vpc === vpc.id && n.place.group === undefined);
    for (const g of d.network.groups.filter((group) => group.vpc === vpc.id)) {
      if (d.empty.groups.has(g.key)) {
        lines.push(`    e${empty++}["${mermaidText(subnetGroupLabel(g))}"]`);
        continue;
      }
      open(subnetGroupLabel(g), '    ');
      place('      ', (n) => n.place.group === g.key);
      lines.push('    end');
    }
    lines.push('  end');
  }
  for (const e of edges) lines.push(`  ${edge(e)}`);
  return `${lines.join('\n')}\n`;
}

function box(n: Node, i: number, inServiceBox: boolean): string {
  const label = `"${mermaidLabel(nodeLines(n, inServiceBox))}"`;
  return n.units.every((u) => STORES.has(u.type)) ? `n${i}[(${label})]` : `n${i}[${label}]`;
}

function edge(e: NodeEdge): string {
  const from = e.from === INTERNET ? 'internet' : `n${e.from}`;
  if (e.kind === 'ref') return `${from} ${e.both ? '<-.->' : '-.->'} n${e.to}`;
  const text = e.labels.length > 2 ? [...e.labels.slice(0, 2), '…'] : e.labels;
  return text.length === 0 ? `${from} --> n${e.to}` : `${from} -->|"${mermaidText(text.join(', '))}"| n${e.to}`;
}
