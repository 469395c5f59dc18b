import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../lib/resolve/lineage.ts';

const fork = (id: string) => ({
  id,
  version: '1.0.0',
  reason: 'Because.',
  changes: [{ change: 'One.' }] as [{ change: string }],
});

describe('buildLineage', () => {
  it('links parents, ancestors, forks and descendants', () => {
    const lineage = buildLineage([
      { id: 'root' },
      { id: 'child-a', forkedFrom: fork('root') },
      { id: 'child-b', forkedFrom: fork('root') },
      { id: 'grandchild', forkedFrom: fork('child-a') },
    ]);
    expect(lineage.get('grandchild')?.ancestors).toEqual(['child-a', 'root']);
    expect(lineage.get('root')?.forks).toEqual(['child-a', 'child-b']);
    expect(lineage.get('root')?.descendants).toEqual(['child-a', 'child-b', 'grandchild']);
    expect(lineage.get('child-a')?.parent?.id).toBe('root');
    expect(lineage.get('root')?.parent).toBeUndefined();
  });

  it('stops at missing parents and cycles instead of looping', () => {
    const lineage = buildLineage([
      { id: 'a', forkedFrom: fork('b') },
      { id: 'b', forkedFrom: fork('a') },
      { id: 'orphan', forkedFrom: fork('gone') },
      { id: 'self', forkedFrom: fork('self') },
    ]);
    expect(lineage.get('a')?.ancestors).toEqual(['b']);
    expect(lineage.get('a')?.descendants).toEqual(['b']);
    expect(lineage.get('orphan')?.ancestors).toEqual([]);
    expect(lineage.get('self')?.ancestors).toEqual([]);
    expect(lineage.get('self')?.forks).toEqual([]);
  });
});
