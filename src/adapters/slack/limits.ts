/**
 * Block Kit limits that a message, modal or Home tab must stay within; Slack rejects the whole
 * payload (invalid_blocks) when one is exceeded, so the renderer splits or trims before sending.
 */
export const LIMITS = {
  sectionText: 3000,
  blocksPerMessage: 50,
  blocksPerView: 100,
  elementsPerActions: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  optionsPerSelect: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  placeholder: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  modalTitle: 24,
  modalButton: 24,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  /** chat.postMessage truncates `text` past 40,000; notifications show far less. */
  fallbackText: 3000,
  /** A file block this small (after escaping) is shown inline as a code block; larger ones are uploaded. */
  snippet: 2800,
} as const;

/** Cuts to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
