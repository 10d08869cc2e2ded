/** Error text from a server can be any size: what intel prints or stores is capped at this many characters. */
export const MAX_ERROR_TEXT_CHARS = 500;

/** `text` capped at `max` characters, saying how much was cut. */
export function capText(text: string, max: number = MAX_ERROR_TEXT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
