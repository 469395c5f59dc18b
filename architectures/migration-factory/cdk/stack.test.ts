// Parameter handling and the task settings; the promises in architecture.yaml are proven in cdk/claims.ts.
// Run: OAR_ENTRIES=migration-factory npx vitest run test/entries.test.ts architectures/migration-factory
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { ofType } from '../../../test/helpers/template.ts';
import { TASK_SETTINGS } from './replication.ts';
import { schemaNames } from './stack.ts';

const template = entryTemplate('migration-factory');

describe('wave schemas', () => {
  test('are read in order from the comma-separated parameter', () => {
    expect(schemaNames('sales,inventory,hr')).toEqual(['sales', 'inventory', 'hr']);
  });

  test('may not repeat a schema, which would give it two tasks writing the same tables', () => {
    expect(() => schemaNames('sales,hr,sales')).toThrow(/repeats a schema/u);
  });
});

describe('tasks', () => {
  test('run with the shared settings: validation, logging, limited LOBs and no table drops on the target', () => {
    const tasks = ofType(template, 'AWS::DMS::ReplicationTask');
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(JSON.parse(String(task.Properties?.['ReplicationTaskSettings']))).toEqual(TASK_SETTINGS);
    }
    expect(TASK_SETTINGS.FullLoadSettings.TargetTablePrepMode).toBe('DO_NOTHING');
  });
});
