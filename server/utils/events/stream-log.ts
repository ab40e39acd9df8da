let lines: string[] = []

function writeLines(): void {
  const text = `${lines.join('\n')}\n`
  lines = []
  process.stdout.write(text)
}

/**
 * Logs a stream's open or close line. Thousands of streams open together when every dashboard
 * reconnects (a deploy, a network blip): the lines of one turn of the event loop go out in one write,
 * at its end, instead of one console write each.
 */
export function logStreamLine(line: string): void {
  if (lines.length === 0)
    setImmediate(writeLines)
  lines.push(line)
}
