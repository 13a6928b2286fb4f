/** What is wrong with a text that must be given and may be at most `max` long, or null. */
export function requiredTextProblem(
  value: string,
  max: number,
  messages: { empty: string; tooLong: string },
): string | null {
  if (value.trim() === '') return messages.empty;
  return value.length > max ? messages.tooLong : null;
}
