// Fails when folders import each other, directly or round a longer loop: madge finds the file
// imports, this groups them by folder (server/utils/<topic>, app/<folder>, then the top two levels)
// and looks for strongly connected groups. A file cycle fails too.
import { execFileSync } from 'node:child_process'

const roots = ['server', 'app']
const madge = ['madge', '--json', '--extensions', 'ts,vue', '--ts-config', 'tsconfig.json', ...roots]
const graph = JSON.parse(execFileSync('npx', madge, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))

function folderOf(file) {
  const parts = file.split('/')
  // shared/ is one layer, the contract both sides import: its types are built from its constants.
  if (parts[0] === 'shared')
    return 'shared'
  if (parts[0] === 'server' && parts[1] === 'utils')
    return parts.length > 3 ? parts.slice(0, 3).join('/') : 'server/utils'
  if (parts.length <= 2)
    return parts[0]
  return parts.slice(0, 2).join('/')
}

const edges = new Map()
const why = new Map()
for (const [from, targets] of Object.entries(graph)) {
  for (const to of targets) {
    const a = folderOf(from)
    const b = folderOf(to)
    if (a === b)
      continue
    if (!edges.has(a))
      edges.set(a, new Set())
    edges.get(a).add(b)
    const key = `${a} -> ${b}`
    if (!why.has(key))
      why.set(key, [])
    why.get(key).push(`${from} imports ${to}`)
  }
}

// Tarjan's strongly connected components over the folder graph.
const index = new Map()
const low = new Map()
const stack = []
const onStack = new Set()
const components = []
let next = 0
function visit(node) {
  index.set(node, next)
  low.set(node, next)
  next++
  stack.push(node)
  onStack.add(node)
  for (const to of edges.get(node) ?? []) {
    if (!index.has(to)) {
      visit(to)
      low.set(node, Math.min(low.get(node), low.get(to)))
    }
    else if (onStack.has(to)) {
      low.set(node, Math.min(low.get(node), index.get(to)))
    }
  }
  if (low.get(node) === index.get(node)) {
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1)
      components.push(component.sort())
  }
}
for (const node of edges.keys()) {
  if (!index.has(node))
    visit(node)
}

let failed = false
for (const component of components) {
  failed = true
  console.error(`Folders that import each other: ${component.join(', ')}`)
  for (const a of component) {
    for (const b of component) {
      for (const line of why.get(`${a} -> ${b}`) ?? [])
        console.error(`  ${line}`)
    }
  }
}

const circular = JSON.parse(execFileSync('npx', [...madge.slice(0, 1), '--circular', ...madge.slice(1)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))
for (const cycle of circular) {
  failed = true
  console.error(`File cycle: ${cycle.join(' -> ')}`)
}

if (failed)
  process.exit(1)
console.log(`No folder imports another that imports it back (${edges.size} folders), and no file cycle.`)
