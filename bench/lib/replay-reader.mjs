const EVENT_TYPES = new Set(['order_created', 'payment_received', 'order_updated'])

/**
 * Reads a stream's replay as a client would (docs/api.md): every business event parsed, each event of a
 * `batch` (a stream over several stores replays in batches, a JSON array of events) counted as one, and
 * each checked to be the next seq of its store after `from` (a Map of storeId → seq): no gap, no repeat.
 * Resolves once `events` events are in, with the bytes read to get them; throws on a `reset`, a gap or a
 * repeat, or a stream that ends first.
 */
export async function readReplay(body, from, events) {
  const seqs = new Map(from)
  const decoder = new TextDecoder()
  let seen = 0
  let bytes = 0
  let text = ''
  for await (const chunk of body) {
    bytes += chunk.byteLength
    text += decoder.decode(chunk, { stream: true })
    let start = 0
    let end = text.indexOf('\n\n')
    while (end !== -1) {
      seen += takeFrame(text.slice(start, end), seqs)
      start = end + 2
      end = text.indexOf('\n\n', start)
    }
    text = text.slice(start)
    if (seen >= events)
      return { seen, bytes }
  }
  throw new Error(`stream ended after ${seen} of ${events} events`)
}

/** The business events of one SSE frame, checked against the seqs received so far. */
function takeFrame(frame, seqs) {
  let event = 'message'
  let data = ''
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: '))
      event = line.slice(7)
    else if (line.startsWith('data: '))
      data = line.slice(6)
  }
  if (event === 'reset')
    throw new Error(`unexpected reset: ${data}`)
  if (event === 'batch') {
    const batch = JSON.parse(data)
    for (const item of batch) takeEvent(item, seqs)
    return batch.length
  }
  if (!EVENT_TYPES.has(event))
    return 0
  takeEvent(JSON.parse(data), seqs)
  return 1
}

function takeEvent({ storeId, seq }, seqs) {
  const last = seqs.get(storeId)
  if (seq !== last + 1)
    throw new Error(`store ${storeId}: seq ${seq} after ${last}`)
  seqs.set(storeId, seq)
}
