let lines: string[] = []
let exitHooked = false

function writeLines(): void {
  if (lines.length === 0)
    return
  const text = `${lines.join('\n')}\n`
  lines = []
  process.stdout.write(text)
}

/**
 * Logs a stream's open or close line. Thousands of streams open together when every dashboard
 * reconnects (a deploy, a network blip): the lines of one turn of the event loop go out in one write,
 * at its end, instead of one console write each (and those of the last turn before an exit, at the exit).
 */
export function logStreamLine(line: string): void {
  if (!exitHooked) {
    exitHooked = true
    process.once('exit', writeLines)
  }
  if (lines.length === 0)
    setImmediate(writeLines)
  lines.push(line)
}
