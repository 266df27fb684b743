import { describe, expect, it } from 'vitest';
import { forgetAll, uniqueUser, useHarness } from './support/harness.js';

const h = useHarness();

describe('/ask and /visa through the terminal', () => {
  it('answers a visa question with its sources and the attorney reminder', async () => {
    const out = await h.session(uniqueUser()).send('/visa what does cap exempt mean');
    expect(out).toMatch(/cap-exempt/i);
    expect(out).toMatch(/Sources: .*H-1B sponsorship/);
    expect(out).toMatch(/immigration attorney/);
    // Two sections of one guide: the guide and its review date are named once, before both.
    const sources = out.split('Sources: ')[1]?.split('\n')[0] ?? '';
    expect(sources).toMatch(/^H-1B sponsorship[^:]*\(reviewed \d{4}-\d{2}-\d{2}\): [^;]+; /);
    expect(sources.match(/reviewed/g)).toHaveLength(1);
  });

  it('declines what the guide does not cover and suggests topics', async () => {
    const out = await h.session(uniqueUser()).send('/ask best restaurant in boston');
    expect(out).toMatch(/does not cover/);
    expect(out).not.toMatch(/Sources:/);
  });

  it('lists visa topics when /visa has no question', async () => {
    const out = await h.session(uniqueUser()).send('/visa');
    expect(out).toMatch(/Visa topics in the guide/);
    expect(out).toMatch(/J-1/);
  });

  it('explains an over-long question instead of failing', async () => {
    const out = await h.session(uniqueUser()).send(`/ask ${'why '.repeat(300)}`);
    expect(out).toMatch(/`?question`? is too long: at most 1,000 characters/);
  });

  it('asks for a question when /ask is empty', async () => {
    const out = await h.session(uniqueUser()).send('/ask');
    expect(out).toMatch(/Ask me a question/);
  });

  it('treats a plain line with no flow in progress as a question', async () => {
    const out = await h.session(uniqueUser()).send('how long is the clinical informatics fellowship');
    expect(out).toMatch(/two years|2 years|2-year|two-year/i);
  });
});

describe('answers shaped for a chat', () => {
  it('reads a member’s word for what the guide calls it: equipment is the hardware', async () => {
    const out = await h.session(uniqueUser()).send('/ask what equipment do i need for a virtual interview');
    expect(out).toMatch(/Sources: /);
    expect(out.split('Sources: ')[0]).toMatch(/headset|webcam/);
  });

  it('leads with the passage that answers, short, with More for the whole section', async () => {
    const s = h.session(uniqueUser());
    const out = await s.send('/ask how many hours a week do informatics fellows work');
    const body = out.split('\n\nSources')[0] ?? '';
    expect(body.split(/\s+/).length).toBeLessThan(130);
    expect(out).toMatch(/\[1\] More/);
    expect(out).toMatch(/Sources: .*reviewed \d{4}-\d{2}-\d{2}/);
    const more = await s.send('more');
    expect(more.length).toBeGreaterThan(body.length);
    expect(more).toMatch(/Sources: /);
  });

  it('reads a follow-up with the previous question’s topic, until /forget', async () => {
    const s = h.session(uniqueUser());
    await s.send('/visa How long is the J-1 home country requirement?');
    const follow = await s.send('/visa can i get out of it somehow?');
    expect(follow).toMatch(/waive/i);
    expect(follow).toMatch(/Sources: .*J-1/);
    expect(await forgetAll(s)).toMatch(/Done\. I deleted everything/);
    const cold = await s.send('/visa can i get out of it somehow?');
    expect(cold).not.toMatch(/Sources: .*J-1/);
  });

  it('answers a follow-up with no words of its own from the previous topic, and only then', async () => {
    const s = h.session(uniqueUser());
    await s.send("/ask How should I prepare my answer to 'Tell me about yourself' for an informatics interview?");
    const follow = await s.send('/ask how long should it be?');
    expect(follow).toMatch(/2-minute|two-minute|2 minutes|two minutes/i);
    expect(follow).toMatch(/Sources: /);
    // The follow-up keeps the topic it was read with, for the one after it.
    expect(await s.send('/ask why?')).toMatch(/Sources: [^\n]*Tell me about yourself/);
    expect(await h.session(uniqueUser()).send('/ask how long should it be?')).not.toMatch(/Sources: /);
  });

  it('reads "same for X?" as asking about X, not the previous item again', async () => {
    const s = h.session(uniqueUser());
    await s.send('/ask Is pediatrics a good lifestyle choice as a base specialty if I want informatics?');
    expect(await s.send('/ask same for psych?')).toMatch(/Sources: [^\n]*Psychiatry/);
  });

  it('reads "and for X?" as the same question about X, leaving the item it swaps out behind', async () => {
    const s = h.session(uniqueUser());
    await s.send('/ask Is internal medicine a lifestyle-friendly base specialty for clinical informatics?');
    const follow = await s.send('/ask and for pathology?');
    expect(follow).toMatch(/Sources: [^\n]*Pathology as a route/);
    expect(follow).toMatch(/daytime/i);
  });

  it('reads a reply that opens with "wait so" as a follow-up', async () => {
    const s = h.session(uniqueUser());
    await s.send(
      '/ask I have a 2-year gap after graduation because of visa delays. Is that a dealbreaker for informatics programs?',
    );
    expect(await s.send('/ask wait so can I still apply then?')).toMatch(/Sources: [^\n]*long gap/i);
  });

  it('keeps follow-up context per conversation', async () => {
    const user = uniqueUser();
    const here = h.session(user);
    const elsewhere = h.session(user);
    // Another window of the same member: another conversation.
    Object.defineProperty(elsewhere, 'conversationId', { value: `${here.conversationId}-other` });
    await here.send('/visa How long is the J-1 home country requirement?');
    expect(await here.send('/visa can i get out of it somehow?')).toMatch(/Sources: .*J-1/);
    expect(await elsewhere.send('/visa can i get out of it somehow?')).not.toMatch(/Sources: .*J-1/);
  });

  it('points command and menu words to /help instead of answering them', async () => {
    for (const word of ['quit', 'back', '2', 'help', 'y', 'maybe']) {
      const out = await h.session(uniqueUser()).send(`/ask ${word}`);
      expect(out).toMatch(/\/help/);
      expect(out).not.toMatch(/Sources:/);
    }
  });

  it('declines a kind of fact the guide does not hold, even when a word matches', async () => {
    for (const q of [
      'What is the passing score for Step 3?',
      'can my wife work on H-4 while im on h1b in residency?',
      // A spouse's status is not the trainee's: declined outright, not offered as "Did you mean".
      'Will my wife be able to work in the US on an H-4 while I do residency on H-1B?',
    ]) {
      const out = await h.session(uniqueUser()).send(`/visa ${q}`);
      expect(out).not.toMatch(/Sources:/);
      expect(out).not.toMatch(/Did you mean/);
    }
    // A score is stated in digits; "passed on the second try with a score ..." states none.
    const board = await h.session(uniqueUser()).send("/ask What's the passing score on the clinical informatics board exam?");
    expect(board).not.toMatch(/Sources:/);
    // The guide names the O-1 as the most flexible status but never says what it takes.
    const o1 = await h.session(uniqueUser()).send('/visa what are the requirements for an o-1 visa as a doctor');
    expect(o1).not.toMatch(/Sources:/);
  });

  it('counts only what the guide counts: H-1B visas yes, fellowship programs no', async () => {
    expect(await h.session(uniqueUser()).send('/visa how many new cap-subject H-1Bs are there each year?')).toMatch(/85,000/);
    // What is counted stays the point however many heavier words sit beside it (the answer, not a
    // topic title under a decline, gives the number).
    const chatty = await h
      .session(uniqueUser())
      .send(
        '/visa bro how many h1b r there per yr for the private company ones? trying to guess my odds for a vendor job after fellowship',
      );
    expect(chatty.split('Sources: ')[0]).toMatch(/85,000/);
    expect(chatty).toMatch(/Sources: /);
    const programs = await h
      .session(uniqueUser())
      .send('/ask how many ACGME clinical informatics fellowship programs are there in total?');
    expect(programs).not.toMatch(/Sources:/);
    // The guide never speaks of vacation: its "45-55 hours a week" is no answer.
    const vacation = await h
      .session(uniqueUser())
      .send(
        "/ask Residency has left me almost no time off and I'm hoping fellowship is better. How many weeks of vacation do informatics fellows get a year?",
      );
    expect(vacation).not.toMatch(/Sources:/);
  });

  it('answers from the section that holds the number asked for when two sections all but tie', async () => {
    const out = await h
      .session(uniqueUser())
      .send('/ask after finishing IM residency, how many more yrs of training for informatics?');
    expect(out).toMatch(/Sources: /);
    expect(out.split('Sources: ')[0]).toMatch(/two years/);
  });

  it('offers "Did you mean" topics as buttons, and a click answers that topic', async () => {
    const s = h.session(uniqueUser());
    const out = await s.send("/visa after training, what's the safest order to look for jobs visa-wise?");
    expect(out).toMatch(/Did you mean/);
    expect(out).toMatch(/\[1\] /);
    const picked = await s.send('1');
    expect(picked).toMatch(/Sources: /);
    expect(picked).toMatch(/\[1\] More/);
  });

  it('compares named specialties by each one’s own verdict, even when a section listing them all leads', async () => {
    const out = await h
      .session(uniqueUser())
      .send('/ask peds or psych as a path into informatics for someone who wants calmer hours?');
    const sources = out.split('Sources: ')[1] ?? '';
    expect(sources).toMatch(/Pediatrics as a route/);
    expect(sources).toMatch(/Psychiatry as a route/);
    // The verdicts lead, in the order named, before the general section's context.
    const [first, second] = out.trim().split('\n');
    expect(first).toMatch(/^Pediatrics /);
    expect(second).toMatch(/^Psychiatry /);
  });

  it('answers each part of a two-part question', async () => {
    const out = await h
      .session(uniqueUser())
      .send('/ask what is the max duty hours for residents, and is it counted each week or averaged over some period?');
    expect(out).toMatch(/80/);
    expect(out).toMatch(/four weeks|4 weeks|four-week|4-week/i);
  });

  it('says "Yes." only to the question the section answers, not to a claim beside it', async () => {
    const asked = await h.session(uniqueUser()).send('/visa can a cap exempt employer file an h1b any time of year?');
    expect(asked).toMatch(/^Yes\./m);
    const claim = await h.session(uniqueUser()).send('/visa a friend told me the h1b cap is like 65k a yr, right?');
    expect(claim).toMatch(/85,000/);
    expect(claim).not.toMatch(/^Yes\./m);
  });

  it('answers the part the guide covers and names the part it does not', async () => {
    const out = await h.session(uniqueUser()).send('/visa what does cap exempt mean, and how much is the USCIS filing fee?');
    expect(out).toMatch(/cap-exempt/i);
    expect(out).toMatch(/does not cover this part of your question: “how much is the USCIS filing fee\?”/);
    expect(out).toMatch(/Sources: /);
  });

  it('declines a two-part question whose second part only points back at an uncovered first', async () => {
    // "does one have to be from my PD" is about the letters, which the guide does not count.
    const out = await h
      .session(uniqueUser())
      .send('/ask How many letters of recommendation do fellowships require, and does one have to be from my program director?');
    expect(out).not.toMatch(/Sources:/);
  });
});
