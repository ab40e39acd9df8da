import type { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { neutralizeCell } from './neutralize-cell'

/**
 * A streamed CSV download (RFC 4180: CRLF, quotes where needed; UTF-8 with a BOM so that spreadsheets
 * read it as UTF-8). Rows are pulled from `rows` only as fast as the client reads: a large export is
 * never held in memory. Text cells are neutralised against formula injection. `onClose` runs once the
 * download is over, however it ends; closing `connection` (the client's socket) ends it at once, also
 * when its response is still queued behind pipelined ones (Node never closes such a response).
 */
export function csvResponse(filename: string, header: string[], rows: AsyncIterable<Array<string | number>>, options: { onClose?: () => void, connection?: EventEmitter } = {}): Response {
  const stringifier = stringify({ header: true, columns: header, record_delimiter: '\r\n', bom: true, cast: { string: neutralizeCell } })
  const source = Readable.from(rows, { objectMode: true })
  source.on('error', (error) => {
    console.error(`[exports] ${filename} failed:`, error)
    stringifier.destroy(error)
  })
  const cutOff = () => stringifier.destroy()
  options.connection?.once('close', cutOff)
  // The download ended, failed or was cut off by the client: the rows stop being read.
  stringifier.once('close', () => {
    options.connection?.off('close', cutOff)
    source.destroy()
    options.onClose?.()
  })
  source.pipe(stringifier)
  return new Response(Readable.toWeb(stringifier) as ReadableStream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  })
}
