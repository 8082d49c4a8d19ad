/** A queue message as a value: already JSON-decoded by the host, or raw text parsed here (undefined if not JSON). */
export function decodedMessage(message: unknown): unknown {
    if (typeof message !== 'string') return message;
    try {
        return JSON.parse(message) as unknown;
    } catch {
        return undefined;
    }
}
