import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { motoVersion } from '../../generators/emulator/emulator.ts';
import {
  EMULATOR_REPORT_FILE,
  mergeEmulatorReport,
  parseEmulatorReport,
  type EmulatorRun,
} from '../../lib/report/emulator-report.ts';
import { installedVersion } from '../../generators/synth/versions.ts';

/** Writes the emulator suite's runs into cdk.out/emulator-report.json, keeping other entries' earlier runs. */
export function writeEmulatorReport(root: string, runs: readonly EmulatorRun[]): string {
  const file = process.env['OAR_EMULATOR_REPORT'] ?? join(root, EMULATOR_REPORT_FILE);
  const found = motoVersion();
  const moto = 'version' in found ? found.version : '0.0.0';
  const earlier = existsSync(file) ? parseEmulatorReport(readFileSync(file, 'utf8')) : undefined;
  const report = mergeEmulatorReport(earlier && 'ok' in earlier ? earlier.ok : undefined, runs, {
    moto,
    cdkVersion: installedVersion('aws-cdk-lib'),
  });
  mkdirSync(dirname(file), { recursive: true });
  // Whole or not at all: the site reads this file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}
