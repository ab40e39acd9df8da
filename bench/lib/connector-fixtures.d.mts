export function fixture<T = any>(platform: string, file: string): T
export function stripeSignature(body: string, secret: string, timestamp?: number): string
export function hmacBase64(secret: string, data: string): string
