import { fstatSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { definePlatform } from '../shared/platform.js';

/**
 * Someone can type here: a terminal, or input piped in (a script feeding the chat). A service
 * started with no terminal (standard input /dev/null or closed, as under systemd or a container
 * without -i) has nobody to chat with.
 */
function canChat(): boolean {
  if (stdin.isTTY) return true;
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isSocket() || s.isFile();
  } catch {
    return false;
  }
}

/**
 * The terminal chat, and the worked example of the adapter contract: no settings of its own, so
 * it is never "configured" and starts only as the fallback when no chat platform is; the one
 * thing it can miss is someone to type. `start` runs the chat on this process's terminal and
 * `ended` settles when the member leaves it.
 */
export const terminalPlatform = definePlatform({
  name: 'terminal',
  title: 'the terminal chat',
  records: [],
  fallback: true,
  configured: () => false,
  missing: () => (canChat() ? [] : ['a terminal to chat in (standard input is neither a terminal nor a pipe)']),
  async start(runtime) {
    const { startRepl } = await import('./repl.js');
    const repl = startRepl(runtime, { input: stdin, output: stdout, color: Boolean(stdout.isTTY) });
    return {
      ended: repl.done,
      async stop() {
        repl.close();
        await repl.done;
      },
    };
  },
});
