/** Length in Unicode code points: each code point counts one, as the password rules say. */
export function codePoints(text: string): number {
  return Array.from(text).length;
}
