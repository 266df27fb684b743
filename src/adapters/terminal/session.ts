import { tokenize } from '../../core/parse-text.js';
import type { Router } from '../../core/router.js';
import type { Block, FormField, Reply, Request, User } from '../../core/types.js';
import { type Choice, plainStyle, renderReply, type Style } from './render.js';

type FormBlock = Extract<Block, { type: 'form' }>;

interface PendingForm {
  form: FormBlock;
  values: Record<string, string>;
  index: number;
}

/**
 * One member's conversation in a terminal. It is the terminal adapter's whole logic and the
 * harness tests drive: `send('/visa ...')` returns what the member would see. Numbers (or
 * labels) pick the last buttons shown; forms are asked field by field; other text is a DM turn.
 */
export class TerminalSession {
  private choices: Choice[] = [];
  private form: PendingForm | undefined;
  readonly user: User;
  readonly conversationId: string;

  constructor(
    private readonly router: Router,
    opts: { user?: User; style?: Style } = {},
  ) {
    this.user = opts.user ?? { id: 'local', name: 'you' };
    this.conversationId = `cli-${this.user.id}`;
    this.style = opts.style ?? plainStyle;
  }

  private readonly style: Style;

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
    if (input.startsWith('/')) {
      const [name = ''] = tokenize(input.slice(1));
      const text = input.slice(1 + input.slice(1).indexOf(name) + name.length).trim();
      return this.dispatch({ ...this.base(), kind: 'command', command: name.toLowerCase(), text });
    }
    const choice = this.pickChoice(input);
    if (choice) {
      return this.dispatch({
        ...this.base(),
        kind: 'action',
        actionId: choice.id,
        values: choice.value === undefined ? undefined : [choice.value],
      });
    }
    if (!input) return '';
    return this.dispatch({ ...this.base(), kind: 'message', text: input });
  }

  private pickChoice(input: string): Choice | undefined {
    if (!this.choices.length || !input) return undefined;
    if (/^\d+$/.test(input)) return this.choices[Number(input) - 1];
    const lower = input.toLowerCase();
    return this.choices.find((c) => c.label.toLowerCase() === lower);
  }

  private async fillForm(input: string): Promise<string> {
    const pending = this.form;
    if (!pending) return '';
    if (input === '/cancel') {
      this.form = undefined;
      return 'Cancelled; nothing was saved.';
    }
    const field = pending.form.fields[pending.index];
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

  /** Renders replies, remembering their buttons and opening the last form they carry. */
  show(replies: Reply[]): string {
    const texts: string[] = [];
    const choices: Choice[] = [];
    for (const r of replies) {
      const rendered = renderReply(r, this.style, choices.length + 1);
      if (rendered.text) texts.push(rendered.text);
      choices.push(...rendered.choices);
      const form = r.blocks.find((b): b is FormBlock => b.type === 'form');
      if (form) this.form = { form, values: {}, index: 0 };
    }
    this.choices = choices;
    if (this.form?.form.fields.length) {
      const first = this.form.form.fields[0];
      if (first) texts.push(`(Type /cancel to stop.)\n${this.fieldPrompt(first)}`);
    }
    return texts.join('\n\n');
  }
}
