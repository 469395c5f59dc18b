import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../generators/emulator/emulator.ts';
import { freePort } from '../helpers/moto.ts';

/** One entry's turn on the shared emulator. */
export interface EmulatorTurn {
  readonly emu: Emulator;
  /** What the emulator printed during this turn only. */
  log(): string;
}

/**
 * The emulator that the suite's entries share, one entry at a time (docs/decisions/emulator.md). The first entry
 * starts it; the next finds the CDK bootstrap stack and the backends' defaults in place, which saves a start, a
 * first baseline and a bootstrap per entry. After an entry that did not verify, its log is kept in a file and the
 * emulator is dropped, so the next entry starts on a fresh one and nothing the failure left can reach it.
 */
export class SharedEmulator {
  readonly #logDir: string;
  #emu: Emulator | undefined;
  #current: EmulatorTurn | undefined;

  /** Logs of entries that failed go to `<root>/cdk.out/emulator-logs/<id>.log`. */
  constructor(root: string) {
    this.#logDir = join(root, 'cdk.out', 'emulator-logs');
  }

  /** Where an entry's part of the emulator log is, once it failed. */
  logFile(id: string): string {
    return join(this.#logDir, `${id}.log`);
  }

  /** The emulator for the next entry, started if there is none; one turn at a time. */
  async turn(): Promise<EmulatorTurn> {
    // A turn that never ended (its test timed out) may still be deploying: the next entry cannot share with it.
    if (this.#current) this.close();
    const emu = (this.#emu ??= await startEmulator(await freePort()));
    const mark = emu.logMark();
    this.#current = { emu, log: () => emu.log(mark) };
    return this.#current;
  }

  /** Ends an entry's turn: a failed entry's log goes to its file, and its emulator is not used again. */
  end(id: string, turn: EmulatorTurn, failed: boolean): void {
    if (turn === this.#current) this.#current = undefined;
    if (!failed) return;
    mkdirSync(this.#logDir, { recursive: true });
    writeFileSync(this.logFile(id), turn.log());
    if (turn.emu === this.#emu) this.close();
    else turn.emu.stop();
  }

  close(): void {
    this.#emu?.stop();
    this.#emu = undefined;
    this.#current = undefined;
  }
}
