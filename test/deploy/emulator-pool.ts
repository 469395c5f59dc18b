import { startEmulator, type Emulator } from '../../generators/emulator/emulator.ts';
import { freePort } from '../helpers/moto.ts';

/** At most `jobs` emulators, each lent to one task at a time and kept for the next. */
export interface EmulatorPool {
  /** Runs `task` on an emulator nobody else is using; starts one when none is free and fewer than `jobs` run. */
  use<T>(task: (emu: Emulator) => Promise<T>): Promise<T>;
  stop(): void;
}

/**
 * The emulator suite's emulators. An entry runs alone on its emulator from its baseline inventory to the one after
 * its destroy, so what is left is still its own; the next entry on that emulator finds the CDK bootstrap in place
 * and the backends of its Region already made, which saves a start, a baseline and a bootstrap per entry
 * (docs/decisions/emulator.md). An emulator that stopped answering is replaced.
 */
export function openEmulatorPool(jobs: number): EmulatorPool {
  const all = new Set<Emulator>();
  const idle: Emulator[] = [];
  const waiting: ((emu: Emulator | undefined) => void)[] = [];
  const acquire = async (): Promise<Emulator> => {
    for (let emu = idle.pop(); emu; emu = idle.pop()) {
      if (emu.running()) return emu;
      all.delete(emu);
    }
    if (all.size < Math.max(1, jobs)) {
      const emu = await startEmulator(await freePort());
      all.add(emu);
      return emu;
    }
    return (await new Promise<Emulator | undefined>((wake) => waiting.push(wake))) ?? acquire();
  };
  const release = (emu: Emulator) => {
    const alive = emu.running();
    if (!alive) all.delete(emu);
    const next = waiting.shift();
    if (next) next(alive ? emu : undefined);
    else if (alive) idle.push(emu);
  };
  return {
    async use(task) {
      const emu = await acquire();
      try {
        return await task(emu);
      } finally {
        release(emu);
      }
    },
    stop() {
      for (const emu of all) emu.stop();
      all.clear();
      idle.length = 0;
    },
  };
}
