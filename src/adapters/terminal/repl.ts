import { createInterface } from 'node:readline';
import type { Runtime as App } from '../../core/runtime.js';
import { ansiStyle, plainStyle } from './render.js';
import { TerminalSession } from './session.js';

export interface Repl {
  /** Settles once the input ends (`/quit`, Ctrl+D, end of a pipe) and every line was answered. */
  done: Promise<void>;
  /** Stops reading; the line being answered still finishes. */
  close(): void;
}

/** The interactive terminal chat: what `npm start` opens when no platform token is set. */
export function startRepl(
  app: App,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; color: boolean; filesDir?: string },
): Repl {
  // Files a command hands over (a draft, a CSV) are written where the member started the chat.
  const session = new TerminalSession(app.router, {
    style: io.color ? ansiStyle : plainStyle,
    filesDir: io.filesDir ?? process.cwd(),
  });
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.color });
  const write = (s: string) => io.output.write(`${s}\n`);
  const prompt = () => {
    rl.setPrompt(session.prompt ? '» ' : '> ');
    rl.prompt();
  };
  write('img-advisor in your terminal. Type /help for commands, or just ask a question. /quit leaves.');
  write(`(Saving to ${app.store.backend === 'redis' ? 'Redis' : app.config.sqlitePath}.)`);
  prompt();
  // Lines are handled one at a time, in order, even when pasted in bulk.
  let queue = Promise.resolve();
  let closed = false;
  // Ctrl+C in a terminal leaves the chat like /quit.
  rl.on('SIGINT', () => rl.close());
  const done = new Promise<void>((resolve) => {
    rl.on('line', (line) => {
      // Lines already read are answered even after the input ends (a pipe closes right after its last line).
      queue = queue.then(async () => {
        if (/^\/(quit|exit)$/i.test(line.trim())) {
          rl.close();
          return;
        }
        const out = await session.send(line);
        if (out) write(`\n${out}\n`);
        if (!closed) prompt();
      });
    });
    rl.on('close', () => {
      closed = true;
      void queue.then(resolve);
    });
  });
  return { done, close: () => rl.close() };
}

/** The chat until its input ends. */
export async function runRepl(
  app: App,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; color: boolean },
): Promise<void> {
  await startRepl(app, io).done;
}
