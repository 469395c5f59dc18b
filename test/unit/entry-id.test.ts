import { describe, expect, it } from 'vitest';
import { entryIdProblem, isEntryId } from '../../lib/entry-id.ts';

describe('entry ids (the schema rule that oar new, oar fork --as and folder names share)', () => {
  it.each(['tiny-web', 'web-3-tier', 'com10', 'console', 'nul-router', 'a'.repeat(64)])('accepts %s', (id) => {
    expect(isEntryId(id)).toBe(true);
    expect(entryIdProblem(id)).toBeUndefined();
  });

  it.each(['con', 'prn', 'aux', 'nul', 'com0', 'com1', 'com9', 'lpt1', 'lpt9', 'CON', 'Nul'])(
    'refuses %s, a device name Windows reserves',
    (id) => {
      expect(isEntryId(id)).toBe(false);
      expect(entryIdProblem(id)).toBe(
        `${JSON.stringify(id)} is a device name that Windows reserves, so git cannot check out a folder of that name there; choose another id`,
      );
    },
  );

  it.each(['ab', 'a'.repeat(65), 'Tiny', 'a--b', '-ab', 'ab-', '../x', 'tiny-wеb'])('refuses %s', (id) => {
    expect(isEntryId(id)).toBe(false);
    expect(entryIdProblem(id)).toMatch(/is not a valid entry id; use 3 to 64 lowercase letters and digits/u);
  });
});
