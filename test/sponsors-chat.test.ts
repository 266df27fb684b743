import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '../src/features/sponsors/db.js';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { visibleText } from './support/discord-standin/index.js';
import { uniqueUser, useHarness } from './support/harness.js';
import { runScript } from './support/script.js';
import { writeSponsorFixtures } from './support/sponsor-files.js';

/** /sponsors as members and advisors use it: the terminal, scripts with --json, and Discord. */
const h = useHarness();
afterAll(() => closeDb(h.config.sponsorsDbPath));

describe('/sponsors in the terminal', () => {
  it('says how to import data while the database is empty', async () => {
    const out = await h.session(uniqueUser()).send('/sponsors search Lakemont');
    expect(out).toMatch(/No H-1B sponsor data has been imported yet/);
    expect(out).toMatch(/sponsors import FILE/);
    const json = await runScript(h.app, ['sponsors', 'search', 'Lakemont', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/imported yet/) }] });
  });

  it('imports the files an advisor downloaded, with a line per file', async () => {
    const fx = await writeSponsorFixtures(h.dir);
    const run = await runScript(h.app, ['sponsors', 'import', fx.lcaXlsx, fx.uscisOld, fx.uscisNew]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /LCA_Disclosure_Data_FY2024_Q4\.xlsx: DOL LCA disclosure file, 18 rows stored \(FY2023, FY2024\); 1 unreadable rows skipped/,
    );
    expect(run.stdout).toMatch(/h1b_datahubexport-2022\.csv: USCIS H-1B Employer Data Hub file, 2 rows stored/);
    // Not a TTY here: no progress bar in the output.
    expect(run.stderr).toBe('');
    const missing = await runScript(h.app, ['sponsors', 'import', `${h.dir}/not-there.xlsx`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('answers a misspelled search with the counts, the inferred hint, the caveat and the guide', async () => {
    const out = await h.session(uniqueUser()).send('/sponsors search Univ of Lakemnt CA');
    expect(out).toMatch(/The Regents of the University of Lakemont/);
    expect(out).toMatch(/FY2023 4 certified, 1 withdrawn/);
    expect(out).toMatch(/Physician, resident and fellow roles:\*?\*? 7 \(3 resident, 2 fellow, 2 physician\)/);
    expect(out).toMatch(/Cap-exempt hint, inferred \(not a fact\)/);
    expect(out).toMatch(/attestation.*not a USCIS approval.*Confirm with the program/s);
    expect(out).toMatch(/Using Department of Labor LCA data/);
    expect(await h.session(uniqueUser()).send('/sponsors search Lakemont state:ZZ')).toMatch(/two-letter U\.S\. state code/);
  });

  it('prints exactly one JSON object for scripts', async () => {
    const run = await runScript(h.app, ['sponsors', 'search', 'Brightwater Med Ctr', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.employers).toHaveLength(1);
    expect(out.employers[0]).toMatchObject({
      name: 'Brightwater Medical Center, Inc.',
      state: 'TX',
      lca: { byYear: { 2024: { Certified: 4 } }, physicianRoles: 4 },
      capExemptHint: { inferred: true, leaning: 'looks cap-subject' },
    });
    expect(out.sources.map((s: { file: string }) => s.file)).toContain('LCA_Disclosure_Data_FY2024_Q4.xlsx');
    const bad = await runScript(h.app, ['sponsors', 'top', 'ZZ', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).ok).toBe(false);
  });

  it('lists the employers with the most physician-role filings', async () => {
    const out = await h.session(uniqueUser()).send('/sponsors top TX resident');
    expect(out).toMatch(/1\. \*?\*?Brightwater Medical Center, Inc\.\*?\*? \(TX\): 4/);
  });
});

describe('/sponsors on Discord', () => {
  let d: DiscordHarness;
  beforeAll(async () => {
    d = await startDiscordHarness();
    const fx = await writeSponsorFixtures(d.app.config.sponsorsDbPath.replace(/sponsors\.sqlite$/, ''));
    const run = await runScript(d.app, ['sponsors', 'import', fx.lcaXlsx]);
    expect(run.code).toBe(0);
  });
  afterAll(async () => {
    closeDb(d.app.config.sponsorsDbPath);
    await d?.close();
  });

  it('answers a slash command and suggests employer names while typing', async () => {
    const s = d.standin;
    const amina = s.makeUser('amina');
    const rec = s.slash(amina, 'sponsors', { guildId: d.guildId, subcommand: 'search', options: { employer: 'lakemont univ' } });
    const msg = await s.response(rec);
    expect(visibleText(msg)).toMatch(/Regents of the University of Lakemont/);
    expect(visibleText(msg)).toMatch(/attestation/);
    const ac = s.autocomplete(amina, 'sponsors', 'employer', 'bright', { guildId: d.guildId, subcommand: 'search' });
    const choices = (await s.waitFor(() => ac.choices, 'choices')) as { name: string }[];
    expect(choices.map((c) => c.name)).toEqual(['Brightwater Medical Center, Inc. (TX)']);
    expect(s.rejections).toEqual([]);
  });
});

describe('/tracker with sponsor data', () => {
  it('shows the filing history of a matching institution without filling anything in', async () => {
    const member = h.session(uniqueUser());
    const added = await member.send('/tracker add institution:"University of Lakemont"');
    expect(added).toMatch(
      /H-1B filing history.*Regents of the University of Lakemont.*11 H-1B LCAs FY2023–FY2024, 7 for physician, resident or fellow roles/,
    );
    expect(added).toMatch(/Nothing was added to your entry/);
    const shown = await member.send('/tracker show t1');
    expect(shown).toMatch(/H-1B filing history/);
    // The entry's own cap status stays unset: the hint is never saved into it.
    expect(shown).not.toMatch(/Cap status:\s*exempt/i);
    expect(await member.send('/tracker add institution:"Saint Nowhere Clinic"')).not.toMatch(/H-1B filing history/);
  });
});
