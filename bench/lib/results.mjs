import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const RESULTS_DIR = join(ROOT, 'bench/results')

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find(l => l.startsWith('model name'))
    return line ? line.split(':')[1].trim() : 'unknown'
  }
  catch {
    return 'unknown'
  }
}

/** Where and when a run happened, so a figure can be read next to its machine. */
export function machine() {
  return { nproc: availableParallelism(), cpu: cpuModel(), node: process.version, platform: `${process.platform}-${process.arch}` }
}

/**
 * Writes `bench/results/<name>.json` (or `--out <file>`) with the date, the machine, the command line,
 * the options and the figures; returns the path.
 */
export function writeResults(name, { options, results, goals = [], notes = [], out }) {
  const file = out ? resolve(out) : join(RESULTS_DIR, `${name}.json`)
  mkdirSync(dirname(file), { recursive: true })
  const document = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: machine(),
    command: `node ${relative(ROOT, process.argv[1])} ${process.argv.slice(2).join(' ')}`.trim(),
    options,
    results,
    goals,
    notes,
  }
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`)
  console.log(`\nwrote ${relative(process.cwd(), file) || file}`)
  return file
}

/** A goal line: what was asked, what was measured, and whether it was met (benchmarks report, never assert). */
export function goal(description, measured, met) {
  return { goal: description, measured, met: met === null ? null : !!met }
}
