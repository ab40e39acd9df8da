/** An SVG QR code of `text` (the qrcode library is loaded only where a code is shown). */
export async function qrSvg(text: string): Promise<string> {
  const { toString } = await import('qrcode')
  return toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
}
