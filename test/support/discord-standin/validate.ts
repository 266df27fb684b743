/**
 * What Discord's API accepts, written from its documentation and kept apart from the adapter's
 * own limits, so the stand-in refuses (400, code 50035) exactly what Discord would refuse.
 */
type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const len = (v: unknown) => str(v)?.length ?? 0;

function checkCustomId(where: string, id: unknown, problems: string[], seen?: Set<string>) {
  const s = str(id);
  if (!s || s.length > 100) problems.push(`${where}.custom_id must be 1-100 characters`);
  else if (seen) {
    if (seen.has(s)) problems.push(`${where}.custom_id "${s}" is duplicated in the message`);
    seen.add(s);
  }
}

function checkEmbeds(embeds: unknown[], problems: string[]) {
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length}, at most 10`);
  let total = 0;
  embeds.forEach((raw, i) => {
    const e = raw as Json;
    const at = `embeds[${i}]`;
    if (len(e.title) > 256) problems.push(`${at}.title over 256`);
    if (len(e.description) > 4096) problems.push(`${at}.description over 4096`);
    const fields = arr(e.fields);
    if (fields.length > 25) problems.push(`${at}.fields: ${fields.length}, at most 25`);
    fields.forEach((rf, j) => {
      const f = rf as Json;
      if (len(f.name) < 1 || len(f.name) > 256) problems.push(`${at}.fields[${j}].name must be 1-256`);
      if (len(f.value) < 1 || len(f.value) > 1024) problems.push(`${at}.fields[${j}].value must be 1-1024`);
      total += len(f.name) + len(f.value);
    });
    const footer = (e.footer ?? {}) as Json;
    if (len(footer.text) > 2048) problems.push(`${at}.footer.text over 2048`);
    total += len(e.title) + len(e.description) + len(footer.text) + len((e.author as Json | undefined)?.name);
    if (!e.title && !e.description && !fields.length && !e.image && !e.thumbnail && !e.author && !e.footer) {
      problems.push(`${at} is empty`);
    }
  });
  if (total > 6000) problems.push(`embeds total ${total} characters, at most 6000`);
}

function checkComponents(components: unknown[], problems: string[]) {
  if (components.length > 5) problems.push(`components: ${components.length} action rows, at most 5`);
  const seen = new Set<string>();
  components.forEach((rr, i) => {
    const row = rr as Json;
    const at = `components[${i}]`;
    if (row.type !== 1) {
      problems.push(`${at} must be an action row (type 1)`);
      return;
    }
    const items = arr(row.components) as Json[];
    const buttons = items.filter((c) => c.type === 2);
    const selects = items.filter((c) => c.type === 3);
    if (!items.length) problems.push(`${at} is empty`);
    if (buttons.length > 5) problems.push(`${at}: ${buttons.length} buttons, at most 5`);
    if (selects.length && items.length > 1) problems.push(`${at}: a select menu must be alone in its row`);
    items.forEach((c, j) => {
      const cat = `${at}.components[${j}]`;
      if (c.type === 2) {
        const style = Number(c.style);
        if (![1, 2, 3, 4, 5, 6].includes(style)) problems.push(`${cat}.style invalid`);
        if (style === 5) {
          if (!c.url || c.custom_id) problems.push(`${cat}: link buttons need url and no custom_id`);
        } else if (style !== 6) checkCustomId(cat, c.custom_id, problems, seen);
        if (len(c.label) > 80) problems.push(`${cat}.label over 80`);
        if (!c.label && !c.emoji && style !== 6) problems.push(`${cat} needs a label or an emoji`);
      } else if (c.type === 3) {
        checkCustomId(cat, c.custom_id, problems, seen);
        const options = arr(c.options) as Json[];
        if (options.length < 1 || options.length > 25) problems.push(`${cat}.options must be 1-25 (has ${options.length})`);
        if (len(c.placeholder) > 150) problems.push(`${cat}.placeholder over 150`);
        const values = new Set<string>();
        options.forEach((o, k) => {
          if (len(o.label) < 1 || len(o.label) > 100) problems.push(`${cat}.options[${k}].label must be 1-100`);
          if (len(o.value) < 1 || len(o.value) > 100) problems.push(`${cat}.options[${k}].value must be 1-100`);
          if (len(o.description) > 100) problems.push(`${cat}.options[${k}].description over 100`);
          if (values.has(String(o.value))) problems.push(`${cat}.options[${k}].value duplicated`);
          values.add(String(o.value));
        });
      } else {
        problems.push(`${cat}: type ${String(c.type)} is not allowed in a message action row here`);
      }
    });
  });
}

/** Message create / follow-up / interaction message (`mode: 'create'`) or edit (`'edit'`) bodies. */
export function messageProblems(body: Json, files: number, mode: 'create' | 'edit'): string[] {
  const problems: string[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string') problems.push('content must be a string');
  if (len(content) > 2000) problems.push(`content: ${len(content)} characters, at most 2000`);
  checkEmbeds(arr(body.embeds), problems);
  checkComponents(arr(body.components), problems);
  if (files > 10 || arr(body.attachments).length > 10) problems.push('at most 10 attachments');
  const flags = Number(body.flags ?? 0);
  const allowed = mode === 'create' ? 64 | 4 | 4096 : 4;
  if (flags & ~allowed) problems.push(`flags ${flags} cannot be set here`);
  if (mode === 'create' && !len(content) && !arr(body.embeds).length && !arr(body.components).length && !files && !body.poll) {
    problems.push('Cannot send an empty message');
  }
  return problems;
}

export function modalProblems(data: Json): string[] {
  const problems: string[] = [];
  checkCustomId('modal', data.custom_id, problems);
  if (len(data.title) < 1 || len(data.title) > 45) problems.push('modal.title must be 1-45 characters');
  const comps = arr(data.components) as Json[];
  if (comps.length < 1 || comps.length > 5) problems.push(`modal has ${comps.length} components, 1-5 allowed`);
  const seen = new Set<string>();
  comps.forEach((c, i) => {
    const at = `modal.components[${i}]`;
    let input: Json | undefined;
    if (c.type === 18) {
      if (len(c.label) < 1 || len(c.label) > 45) problems.push(`${at}.label must be 1-45 characters`);
      if (len(c.description) > 100) problems.push(`${at}.description over 100`);
      input = c.component as Json | undefined;
    } else if (c.type === 1) {
      const inner = arr(c.components) as Json[];
      if (inner.length !== 1) problems.push(`${at}: an action row in a modal holds one text input`);
      input = inner[0];
      if (input && (len(input.label) < 1 || len(input.label) > 45)) problems.push(`${at} text input label must be 1-45`);
    } else {
      problems.push(`${at}: type ${String(c.type)} not allowed`);
    }
    if (input?.type !== 4) {
      problems.push(`${at} needs a text input`);
      return;
    }
    checkCustomId(`${at}.component`, input.custom_id, problems, seen);
    if (![1, 2].includes(Number(input.style))) problems.push(`${at}.component.style must be 1 or 2`);
    const max = input.max_length === undefined ? 4000 : Number(input.max_length);
    if (max < 1 || max > 4000) problems.push(`${at}.component.max_length must be 1-4000`);
    if (input.min_length !== undefined && (Number(input.min_length) < 0 || Number(input.min_length) > 4000)) {
      problems.push(`${at}.component.min_length must be 0-4000`);
    }
    if (len(input.value) > Math.min(max, 4000)) problems.push(`${at}.component.value longer than max_length`);
    if (len(input.placeholder) > 100) problems.push(`${at}.component.placeholder over 100`);
  });
  return problems;
}

export function autocompleteProblems(data: Json): string[] {
  const problems: string[] = [];
  const choices = arr(data.choices) as Json[];
  if (choices.length > 25) problems.push(`choices: ${choices.length}, at most 25`);
  choices.forEach((c, i) => {
    if (len(c.name) < 1 || len(c.name) > 100) problems.push(`choices[${i}].name must be 1-100`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > 100))
      problems.push(`choices[${i}].value must be 1-100`);
  });
  return problems;
}

function countChars(o: Json): number {
  const own = len(o.name) + len(o.description);
  const choices = (arr(o.choices) as Json[]).reduce((n, c) => n + len(c.name) + String(c.value ?? '').length, 0);
  return own + choices + (arr(o.options) as Json[]).reduce((n, x) => n + countChars(x), 0);
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** A bulk-overwrite of application commands, as Discord validates it. */
export function commandsProblems(commands: unknown[], scope: 'global' | 'guild'): string[] {
  const problems: string[] = [];
  if (commands.length > 100) problems.push('at most 100 chat input commands');
  const names = new Set<string>();
  const checkOptions = (where: string, options: Json[], depth: number) => {
    if (options.length > 25) problems.push(`${where}: at most 25 options`);
    let optional = false;
    const seen = new Set<string>();
    for (const o of options) {
      const at = `${where}.${String(o.name)}`;
      const name = str(o.name) ?? '';
      if (!NAME.test(name) || name !== name.toLowerCase()) problems.push(`${at}: invalid name`);
      if (seen.has(name)) problems.push(`${at}: duplicate name`);
      seen.add(name);
      if (len(o.description) < 1 || len(o.description) > 100) problems.push(`${at}: description must be 1-100`);
      const type = Number(o.type);
      if (type === 1 || type === 2) {
        if (depth > 0 && type === 2) problems.push(`${at}: groups nest one level only`);
        checkOptions(at, arr(o.options) as Json[], depth + 1);
        continue;
      }
      if (![3, 4, 5, 6, 7, 8, 9, 10, 11].includes(type)) problems.push(`${at}: unknown option type ${type}`);
      if (o.required === true) {
        if (optional) problems.push(`${at}: required options must come before optional ones`);
      } else optional = true;
      const choices = arr(o.choices) as Json[];
      if (choices.length > 25) problems.push(`${at}: at most 25 choices`);
      if (choices.length && o.autocomplete) problems.push(`${at}: autocomplete cannot be set with choices`);
      for (const c of choices) {
        if (len(c.name) < 1 || len(c.name) > 100) problems.push(`${at}: choice name must be 1-100`);
        if (typeof c.value === 'string' && c.value.length > 100) problems.push(`${at}: choice value over 100`);
      }
      if (o.max_length !== undefined && (Number(o.max_length) < 1 || Number(o.max_length) > 6000))
        problems.push(`${at}: max_length 1-6000`);
    }
  };
  for (const raw of commands) {
    const c = raw as Json;
    const name = str(c.name) ?? '';
    if (!NAME.test(name) || name !== name.toLowerCase()) problems.push(`/${name}: invalid name`);
    if (names.has(name)) problems.push(`/${name}: duplicate command`);
    names.add(name);
    if (len(c.description) < 1 || len(c.description) > 100) problems.push(`/${name}: description must be 1-100`);
    if (scope === 'guild' && arr(c.contexts).includes(1))
      problems.push(`/${name}: guild commands do not support the BOT_DM context`);
    const options = arr(c.options) as Json[];
    const subs = options.filter((o) => o.type === 1 || o.type === 2);
    if (subs.length && subs.length !== options.length) problems.push(`/${name}: subcommands mixed with options`);
    checkOptions(`/${name}`, options, 0);
    const size = countChars(c);
    if (size > 8000) problems.push(`/${name}: ${size} characters of names, descriptions and choices, at most 8000`);
  }
  return problems;
}
