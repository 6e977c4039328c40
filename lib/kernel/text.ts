/** Lines a person typed, trimmed, without the empty ones. */
export function cleanLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter(Boolean);
}
