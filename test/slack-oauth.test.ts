import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { slashPayload } from './support/slack-standin/requests.js';
import { postCommand } from './support/slack-standin/signed.js';
import { BOT, SlackStandin } from './support/slack-standin/standin.js';
import { TEST_COMMANDS, TEST_RECORDS } from './support/slack-standin/test-commands.js';

let standin: SlackStandin;
let app: SlackUnderTest;

beforeAll(async () => {
  standin = await new SlackStandin().start();
  app = await startSlackHttp({
    standin,
    extraCommands: TEST_COMMANDS,
    extraRecords: TEST_RECORDS,
    env: { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret' },
  });
});
afterAll(async () => {
  await app?.stop();
  await standin?.stop();
});

async function drill(team: string, user: string) {
  const { fields } = slashPayload(standin, '/drill', '', user, { team, responseId: `oauth-${user}` });
  const res = await postCommand(app.events, fields);
  expect(res.status).toBe(200);
  return standin.waitForCall('conversations.open', (c) => c.args.users === user);
}

describe('Slack OAuth install: one deployment, many advising groups', () => {
  it('keeps serving the workspace of SLACK_BOT_TOKEN with its own token', async () => {
    const call = await drill(BOT.team, 'U0HOMEGROUP');
    expect(call.token).toBe('xoxb-test');
  });

  it('installs into another workspace and answers there with that workspace’s token', async () => {
    const page = await fetch(`${app.base}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /state=([^"&]+)/.exec(html)?.[1];
    expect(state).toBeDefined();
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(decodeURIComponent(/scope=([^"&]+)/.exec(html)?.[1] ?? '')).toContain('commands');

    const done = await fetch(`${app.base}/slack/oauth_redirect?code=temp-code&state=${state}`, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(standin.called('oauth.v2.access')[0]?.args).toMatchObject({ code: 'temp-code', client_id: '1111.2222' });

    const call = await drill('T0OTHER', 'U0OTHERGROUP');
    expect(call.token).toBe('xoxb-installed-elsewhere');
  });

  it('ignores a workspace that never installed the app', async () => {
    const { fields } = slashPayload(standin, '/drill', '', 'U0STRANGER', { team: 'T0STRANGER', responseId: 'oauth-stranger' });
    const res = await postCommand(app.events, fields);
    expect(res.status).toBe(200);
    expect(standin.called('conversations.open').filter((c) => c.args.users === 'U0STRANGER')).toEqual([]);
  });
});
