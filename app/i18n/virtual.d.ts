declare module 'virtual:pulse-messages' {
  /** The URL of each language's compiled messages (one JSON file per language). */
  const urls: Record<string, string>
  export default urls
}
