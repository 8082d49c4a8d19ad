/** Days from one `YYYY-MM-DD` date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;
