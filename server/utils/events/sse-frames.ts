// The Server-Sent Events wire format. Every `data` here is JSON.stringify output, which is one line.

/** A frame's text, for writes that join several frames into one Buffer. */
export function frameText(event: string, data: string, id?: number | string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`
}

export function frame(event: string, data: string, id?: number | string): Buffer {
  return Buffer.from(frameText(event, data, id))
}

export function retryFrame(ms: number): Buffer {
  return Buffer.from(`retry: ${ms}\n\n`)
}
