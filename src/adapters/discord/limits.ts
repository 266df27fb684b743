/**
 * Discord's documented payload limits, in one place so rendering, modals and registration agree.
 * A payload over any of these is rejected whole (400 Invalid Form Body), so we split or trim first.
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedFooter: 2048,
  /** Sum of every embed's title, description, field names and values and footer in one message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  attachments: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectPlaceholder: 150,
  selectOptionText: 100,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  inputValue: 4000,
  inputPlaceholder: 100,
  autocompleteChoices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  stringOptionLength: 6000,
  /** Names, descriptions and choice names/values of one command, with its options, together. */
  commandTotal: 8000,
} as const;

/** Shortens text to `max` characters, ending with an ellipsis when it had to cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Never leave half of a surrogate pair (an emoji) at the end.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}
