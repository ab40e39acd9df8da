// Preloaded (`node --require`) into a benchmark's server, Pulse and the floor alike: the bytes V8
// allocates between two SIGUSR2, counted by its sampling heap profiler with the objects that GCs
// already collected included, so the count starts and ends where the benchmark says (a --trace-gc sum
// starts at the GC before the window and misses what follows the last GC in it). Each signal's outcome
// is written as JSON to BENCH_ALLOC_FILE: {state: "started"} or {state: "stopped", bytes}.
const { writeFileSync } = require('node:fs')
const { Session } = require('node:inspector')

const file = process.env.BENCH_ALLOC_FILE
const session = new Session()
session.connect()
let sampling = false

function report(value) {
  writeFileSync(file, JSON.stringify(value))
}

function sumSelfSize(node) {
  let total = node.selfSize
  for (const child of node.children) total += sumSelfSize(child)
  return total
}

process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true
    session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, error => report(error ? { state: 'error', message: error.message } : { state: 'started' }))
    return
  }
  sampling = false
  session.post('HeapProfiler.stopSampling', (error, result) => report(error ? { state: 'error', message: error.message } : { state: 'stopped', bytes: sumSelfSize(result.profile.head) }))
})
