import type { Plugin } from 'vite'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { baseCompile } from '@intlify/message-compiler'

// vue-i18n's syntax: `{param}`, `@:linked`, `a | b` plurals and `{'…'}` literals. A message with none of
// these characters is plain text and stays a string (vue-i18n shows it as is, and it is smaller than a tree).
const SYNTAX = /[{}@|%$]/

/**
 * A message file with each message compiled to vue-i18n's message tree (AST), as its runtime evaluates
 * without the message compiler: the app leaves the compiler (5 KB gzip) out of its bundle. A message
 * vue-i18n cannot parse fails the build, naming its file and key.
 */
export function compileMessageTree(value: unknown, where: string): unknown {
  if (typeof value === 'string') {
    if (!SYNTAX.test(value))
      return value
    return baseCompile(value, {
      jit: true,
      minify: true,
      location: false,
      onError(error) {
        throw new Error(`${where}: ${error.message} in ${JSON.stringify(value)}`)
      },
    }).ast
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, compileMessageTree(child, `${where}.${key}`)]))
  return value
}

const VIRTUAL_ID = 'virtual:pulse-messages'
const RESOLVED_ID = `\0${VIRTUAL_ID}`
const DEV_PREFIX = '/@pulse-messages/'

/** One language's messages, every domain file under its name: `{ "orders": { … }, "common": { … } }`. */
function readLanguage(dir: string, language: string): { json: string, files: string[] } {
  const files = readdirSync(join(dir, language)).filter(name => name.endsWith('.json')).sort().map(name => join(dir, language, name))
  const messages = Object.fromEntries(files.map((file) => {
    const domain = file.slice(file.lastIndexOf('/') + 1, -'.json'.length)
    return [domain, compileMessageTree(JSON.parse(readFileSync(file, 'utf8')), `${language}/${domain}`)]
  }))
  return { json: JSON.stringify(messages), files }
}

/**
 * The message files, compiled, as one JSON file per language (`virtual:pulse-messages` gives each
 * language's URL). Data, not code: a device downloads its own language only, the browser parses it as
 * JSON (cheaper than the same object as JavaScript), and it stays out of the first load's JavaScript.
 * `app/locales/<lang>/<domain>.json` imported directly (component tests) is compiled the same way.
 */
export function precompileMessages(localesDir: string): Plugin {
  let serving = false
  const languages = () => readdirSync(localesDir, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
  return {
    name: 'pulse:messages',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve'
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined
    },
    load(id) {
      if (id !== RESOLVED_ID)
        return
      const urls = languages().map((language) => {
        const { json, files } = readLanguage(localesDir, language)
        files.forEach(file => this.addWatchFile(file))
        if (serving)
          return `${JSON.stringify(language)}: ${JSON.stringify(`${DEV_PREFIX}${language}.json`)}`
        const reference = this.emitFile({ type: 'asset', name: `messages-${language}.json`, source: json })
        return `${JSON.stringify(language)}: import.meta.ROLLUP_FILE_URL_${reference}`
      })
      return `export default {${urls.join(', ')}}`
    },
    configureServer(server) {
      server.middlewares.use(DEV_PREFIX, (request, response, next) => {
        const language = /^\/(\w+)\.json$/.exec(request.url ?? '')?.[1]
        if (!language || !languages().includes(language))
          return next()
        response.setHeader('Content-Type', 'application/json')
        response.end(readLanguage(localesDir, language).json)
      })
    },
    transform: {
      filter: { id: /app[\\/]locales[\\/][^\\/]+[\\/][^\\/]+\.json$/ },
      handler(code, id) {
        const where = id.replace(/^.*app[\\/]locales[\\/]/, '').replace(/\.json$/, '')
        return { code: JSON.stringify(compileMessageTree(JSON.parse(code), where)), map: null }
      },
    },
  }
}
