import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tokenize } from '../../core/parse-text.js';
import type { Router } from '../../core/router.js';
import type { Block, FormField, Reply, Request, User } from '../../core/types.js';
import { type Choice, choicesOf, plainStyle, renderReply, type Style } from './render.js';

type FormBlock = Extract<Block, { type: 'form' }>;
type FileBlock = Extract<Block, { type: 'file' }>;

interface PendingForm {
  form: FormBlock;
  values: Record<string, string>;
  index: number;
}

interface NumberedChoice extends Choice {
  n: number;
}

export interface SessionOptions {
  user?: User;
  style?: Style;
  /** Where files a command hands over (a draft, a CSV) are written; without it they are printed. */
  filesDir?: string;
}

/** Short answers for the Yes / No / Not sure buttons of questionnaires. */
const ALIASES: Record<string, string> = { y: 'yes', n: 'no', '?': 'not sure' };

const choiceKey = (c: Choice) => `${c.id}\u0000${c.value ?? ''}`;
const labelKey = (label: string) => label.trim().toLowerCase();

/**
 * One member's conversation in a terminal. It is the terminal adapter's whole logic and the
 * harness tests drive: `send('/visa ...')` returns what the member would see. Numbers (or
 * labels) pick from the last menu shown, and a menu stays until something is picked: other text
 * is offered to a flow waiting for it (a drill answer), and otherwise says how to answer. A menu
 * of extras only (an answer's More and thumbs) steps aside: other text is the next message. Forms
 * are asked field by field; commands are not field values.
 */
export class TerminalSession {
  private menu: NumberedChoice[] = [];
  /** Label to number, kept while menus are mostly the same: Skip stays 4 from question to question. */
  private numbers = new Map<string, number>();
  private form: PendingForm | undefined;
  readonly user: User;
  readonly conversationId: string;
  private readonly style: Style;
  private readonly filesDir: string | undefined;

  constructor(
    private readonly router: Router,
    opts: SessionOptions = {},
  ) {
    this.user = opts.user ?? { id: 'local', name: 'you' };
    this.conversationId = `cli-${this.user.id}`;
    this.style = opts.style ?? plainStyle;
    this.filesDir = opts.filesDir;
  }

  /** The prompt for the field being asked, when a form is open. */
  get prompt(): string | undefined {
    const f = this.form?.form.fields[this.form.index];
    return f ? this.fieldPrompt(f) : undefined;
  }

  private fieldPrompt(f: FormField): string {
    const hint = f.value ? ` [${f.value}]` : f.required ? '' : ' (optional, Enter to skip)';
    return `${f.label}${hint}${f.placeholder ? ` e.g. ${f.placeholder}` : ''}:`;
  }

  private base() {
    return { platform: 'cli' as const, user: this.user, conversation: { id: this.conversationId, isDirect: true } };
  }

  /** Handles one line the member typed and returns the text shown back. */
  async send(line: string): Promise<string> {
    const input = line.trim();
    if (this.form) return this.fillForm(input);
    if (input.startsWith('/')) return this.command(input);
    if (!input) return '';
    const choice = this.pickChoice(input);
    if (choice) {
      return this.dispatch({
        ...this.base(),
        kind: 'action',
        actionId: choice.id,
        values: choice.value === undefined ? undefined : [choice.value],
      });
    }
    // A menu of extras only (an answer's More and thumbs) does not wait: other text is a new message.
    if (this.menu.every((c) => c.optional)) {
      this.clearMenu();
      return this.dispatch({ ...this.base(), kind: 'message', text: input });
    }
    // A flow waiting for text (an interview drill) takes it; anything else keeps the menu.
    const replies = await this.router.handle({ ...this.base(), kind: 'message', text: input, flowsOnly: true });
    return replies.length ? this.show(replies) : this.notAChoice();
  }

  private async command(input: string): Promise<string> {
    const [name = ''] = tokenize(input.slice(1));
    if (name.toLowerCase() === 'cancel') {
      const had = this.menu.length > 0;
      this.clearMenu();
      return had ? 'Left that menu. Type /help to see the commands.' : 'Nothing to cancel.';
    }
    this.clearMenu();
    const text = input.slice(1 + input.slice(1).indexOf(name) + name.length).trim();
    return this.dispatch({ ...this.base(), kind: 'command', command: name.toLowerCase(), text });
  }

  private clearMenu(): void {
    this.menu = [];
    this.numbers = new Map();
  }

  private pickChoice(input: string): Choice | undefined {
    if (!this.menu.length) return undefined;
    if (/^\d+$/.test(input)) return this.menu.find((c) => c.n === Number(input));
    const lower = labelKey(input);
    const wanted = ALIASES[lower] ?? lower;
    return this.menu.find((c) => labelKey(c.label) === wanted);
  }

  /** The menu again, with how to pick from it. */
  private notAChoice(): string {
    const numbers = this.menu.map((c) => c.n).sort((a, b) => a - b);
    const labels = new Set(this.menu.map((c) => labelKey(c.label)));
    const short = ['yes', 'no', 'not sure'].every((l) => labels.has(l)) ? ' (or y, n, yes, no, ? for Yes, No, Not sure)' : '';
    const list = [...this.menu].sort((a, b) => a.n - b.n).map((c) => `[${c.n}] ${c.label}`);
    return [
      `That is not one of the choices. Type a number from ${numbers[0]} to ${numbers.at(-1)} or a choice's name${short}.`,
      'To do something else, type a command (/help lists them), or /cancel to leave this menu.',
      '',
      list.join('  '),
    ].join('\n');
  }

  private async fillForm(input: string): Promise<string> {
    const pending = this.form;
    if (!pending) return '';
    const field = pending.form.fields[pending.index];
    // A command is never a field's value: /cancel leaves, /help helps, others wait for the form.
    if (/^\/[a-z]/i.test(input)) {
      const [name = ''] = tokenize(input.slice(1));
      const again = field ? `\n\n${this.fieldPrompt(field)}` : '';
      if (name.toLowerCase() === 'cancel') {
        this.form = undefined;
        return 'Cancelled; nothing was saved.';
      }
      if (name.toLowerCase() === 'help') {
        const help = renderReplies(
          await this.router.handle({ ...this.base(), kind: 'command', command: 'help', text: '' }),
          this.style,
        );
        return `${help}\n\nYou are still filling in "${pending.form.title}": answer below, or type /cancel to stop.${again}`;
      }
      return `Commands wait until this form is done: answer the question, or type /cancel to leave it (nothing is saved).${again}`;
    }
    if (field) {
      const value = input || field.value || '';
      if (!value && field.required) return `This one is needed.\n${this.fieldPrompt(field)}`;
      if (field.maxLength && value.length > field.maxLength) {
        return `That is ${value.length} characters; at most ${field.maxLength} fit here.\n${this.fieldPrompt(field)}`;
      }
      pending.values[field.id] = value;
      pending.index++;
    }
    const next = pending.form.fields[pending.index];
    if (next) return this.fieldPrompt(next);
    this.form = undefined;
    return this.dispatch({ ...this.base(), kind: 'submit', formId: pending.form.id, fields: pending.values });
  }

  private async dispatch(req: Request): Promise<string> {
    const replies = await this.router.handle(req);
    return this.show(replies);
  }

  /**
   * Numbers for the choices about to be shown. While menus are mostly the same (the questions of
   * a questionnaire), a label keeps its number, so "4" never turns from Skip into Back; a menu
   * that is mostly new (the next step of a flow, another command) is numbered from 1 again.
   */
  private numberChoices(choices: Choice[]): Map<string, number> {
    const known = choices.filter((c) => this.numbers.has(labelKey(c.label))).length;
    if (known * 2 <= choices.length) this.numbers = new Map();
    const taken = new Set<number>();
    const out = new Map<string, number>();
    const fresh: Choice[] = [];
    for (const c of choices) {
      const n = this.numbers.get(labelKey(c.label));
      if (n !== undefined && !taken.has(n)) {
        taken.add(n);
        out.set(choiceKey(c), n);
      } else fresh.push(c);
    }
    const used = new Set([...this.numbers.values(), ...taken]);
    let next = 1;
    for (const c of fresh) {
      while (used.has(next)) next++;
      used.add(next);
      out.set(choiceKey(c), next);
      if (!this.numbers.has(labelKey(c.label))) this.numbers.set(labelKey(c.label), next);
    }
    return out;
  }

  /** Renders replies, remembering their choices and opening the last form they carry. */
  show(replies: Reply[]): string {
    const numbers = this.numberChoices(replies.flatMap(choicesOf));
    const numberOf = (c: Choice) => numbers.get(choiceKey(c)) ?? 0;
    const texts: string[] = [];
    const menu: NumberedChoice[] = [];
    for (const r of replies) {
      const rendered = renderReply(r, this.style, { numberOf, file: (b) => this.handOver(b) });
      if (rendered.text) texts.push(rendered.text);
      menu.push(...rendered.choices.map((c) => ({ ...c, n: numberOf(c) })));
      const form = r.blocks.find((b): b is FormBlock => b.type === 'form');
      if (form) this.form = { form, values: {}, index: 0 };
    }
    this.menu = menu;
    if (!menu.length) this.numbers = new Map();
    if (this.form?.form.fields.length) {
      const first = this.form.form.fields[0];
      if (first) texts.push(`(Type /cancel to stop.)\n${this.fieldPrompt(first)}`);
    }
    return texts.join('\n\n');
  }

  /** A file the command hands over: written to the working folder (never over another file), or printed. */
  private handOver(b: FileBlock): string {
    if (!this.filesDir) return b.content.replace(/\n$/, '');
    const { name, ext } = path.parse(path.basename(b.name));
    let target = path.join(this.filesDir, `${name}${ext}`);
    for (let i = 2; existsSync(target); i++) target = path.join(this.filesDir, `${name}-${i}${ext}`);
    try {
      writeFileSync(target, b.content, { flag: 'wx' });
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? 'an error';
      return `(Could not write ${target}: ${why}. Here it is instead.)\n${b.content.replace(/\n$/, '')}`;
    }
    return `Saved to ${target}`;
  }
}

function renderReplies(replies: Reply[], style: Style): string {
  return replies
    .map((r) => renderReply(r, style).text)
    .filter(Boolean)
    .join('\n\n');
}
