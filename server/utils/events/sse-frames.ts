// The Server-Sent Events wire format. Every `data` here is JSON.stringify output, which is one line.

export function frame(event: string, data: string, id?: number | string): Buffer {
  return Buffer.from(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`)
}

export function retryFrame(ms: number): Buffer {
  return Buffer.from(`retry: ${ms}\n\n`)
}
