import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

const root = join(import.meta.dirname, '../..')

/** The variables the README's configuration table lists (every backticked name in its first column). */
function documentedVariables(): Set<string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1))
  const names = new Set<string>()
  for (const line of section.split('\n').filter(line => line.startsWith('| `'))) {
    for (const [, name] of line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(name!)
  }
  return names
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [])
}

const realEnv = process.env

afterEach(() => {
  process.env = realEnv
  vi.resetModules()
})

describe('configuration', () => {
  it('is read from the environment in one module only', () => {
    const readers = sourceFiles(join(root, 'server'))
      .filter(file => /process\.env/.test(readFileSync(file, 'utf8')))
      .map(file => relative(root, file))
    expect(readers).toEqual(['server/utils/config.ts'])
  })

  it('reads no variable that the README does not list', async () => {
    const read = new Set<string>()
    process.env = new Proxy({ ...realEnv }, {
      get(target, name) {
        if (typeof name === 'string')
          read.add(name)
        return Reflect.get(target, name)
      },
    })
    vi.resetModules()
    const { useConfig } = await import('~server/utils/config')
    useConfig()
    expect(read.size).toBeGreaterThan(40)
    const documented = documentedVariables()
    expect([...read].filter(name => !documented.has(name))).toEqual([])
  })
})
