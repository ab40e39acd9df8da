import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { neutralizeCell } from './neutralize-cell'

/**
 * A streamed CSV download (RFC 4180: CRLF, quotes where needed; UTF-8 with a BOM so that spreadsheets
 * read it as UTF-8). Rows are pulled from `rows` only as fast as the client reads: a large export is
 * never held in memory. Text cells are neutralised against formula injection.
 */
export function csvResponse(filename: string, header: string[], rows: AsyncIterable<Array<string | number>>): Response {
  const stringifier = stringify({ header: true, columns: header, record_delimiter: '\r\n', bom: true, cast: { string: neutralizeCell } })
  const source = Readable.from(rows, { objectMode: true })
  source.on('error', (error) => {
    console.error(`[exports] ${filename} failed:`, error)
    stringifier.destroy(error)
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
