// Parameter checks and the scanner's behaviour; the promises in architecture.yaml are proven in cdk/claims.ts.
// Run: OAR_ENTRIES=sftp-file-exchange npx vitest run test/entries.test.ts architectures/sftp-file-exchange
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';
import { partnerNames } from './stack.ts';

const ID = 'sftp-file-exchange';
const template = entryTemplate(ID);

describe('partners', () => {
  test('are read in order from the comma-separated parameter', () => {
    expect(partnerNames('acme,globex,initech')).toEqual(['acme', 'globex', 'initech']);
  });

  test('may not repeat a name, which would give two partners one user', () => {
    expect(() => partnerNames('acme,globex,acme')).toThrow(/repeats a name/u);
  });
});

describe('server', () => {
  test('shows the login banner and optimises directory listings', () => {
    const server = onlyProps(template, 'AWS::Transfer::Server');
    expect(server['PreAuthenticationLoginBanner']).toMatch(/Authorised partners only/u);
    expect(server['S3StorageOptions']).toEqual({ DirectoryListingOptimization: 'ENABLED' });
  });
});

describe('scanner', () => {
  test('releases plain files and quarantines executables, scripts, EICAR and oversized files (scanner/handler_test.py)', () => {
    const run = spawnSync(process.env['OAR_PYTHON'] ?? 'python3', [
      fileURLToPath(new URL('../scanner/handler_test.py', import.meta.url)),
    ]);
    expect(run.status, run.stderr.toString()).toBe(0);
  });
});
