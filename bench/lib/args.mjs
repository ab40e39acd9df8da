import { parseArgs } from 'node:util'

/**
 * Parses `--name value` options: `spec` maps each name to { type: 'string' | 'boolean', default }.
 * Every benchmark accepts `--smoke` (tiny sizes, a few seconds: what CI runs), `--out <file>` and
 * `--output-dir <dir>` (the build to run; PULSE_OUTPUT_DIR or .output by default).
 */
export function readOptions(spec) {
  const options = {
    'smoke': { type: 'boolean', default: false },
    'out': { type: 'string' },
    'output-dir': { type: 'string' },
    ...Object.fromEntries(Object.entries(spec).map(([name, { type }]) => [name, { type: type === 'boolean' ? 'boolean' : 'string' }])),
    // `--no-<name>` turns a boolean option off.
    ...Object.fromEntries(Object.entries(spec).filter(([, { type }]) => type === 'boolean').map(([name]) => [`no-${name}`, { type: 'boolean' }])),
  }
  const { values } = parseArgs({ options, strict: true, allowPositionals: false })
  const result = { smoke: !!values.smoke, out: values.out, outputDir: values['output-dir'] }
  for (const [name, { type, default: fallback, smoke }] of Object.entries(spec)) {
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())
    const raw = values[`no-${name}`] ? false : values[name]
    const base = result.smoke && smoke !== undefined ? smoke : fallback
    if (raw === undefined)
      result[key] = base
    else if (type === 'boolean')
      result[key] = !!raw
    else if (type === 'number')
      result[key] = Number(raw)
    else if (type === 'list')
      result[key] = String(raw).split(',').map(s => s.trim()).filter(Boolean).map(Number)
    else
      result[key] = raw
    if (type === 'number' && !Number.isFinite(result[key]))
      throw new Error(`--${name} must be a number, got "${raw}"`)
  }
  return result
}
