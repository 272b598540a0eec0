// ISO-8601 durations as Azure Backup uses them ("P30D", "P4W", "P1Y").

/**
 * The fewest days an ISO-8601 duration can mean, or undefined if it is not one. Months count as 28
 * days and years as 365 so that a "retention at least N days" check never passes on a rounding.
 */
export function minimumDays(duration: unknown): number | undefined {
    if (typeof duration !== "string") {
        return undefined;
    }
    const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/i.exec(duration.trim());
    if (!match || match.slice(1).every((part) => part === undefined)) {
        return undefined;
    }
    const [years, months, weeks, days] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
    return years * 365 + months * 28 + weeks * 7 + days;
}
