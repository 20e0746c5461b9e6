package dev.ember.physical.expr;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days without objects (Howard Hinnant's
 * days/civil algorithms), for date kernels in hot loops.
 */
public final class CivilDate {
    private CivilDate() {
    }

    /** Year of an epoch day. */
    public static int year(int days) {
        long z = days + 719468L;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    /** Packs year, month and day of an epoch day as {@code year * 10000 + month * 100 + day}. */
    public static long ymd(int days) {
        long z = days + 719468L;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y * 10000 + m * 100 + d;
    }

    public static int month(int days) {
        return (int) (ymd(days) / 100 % 100);
    }

    public static int day(int days) {
        return (int) (ymd(days) % 100);
    }

    public static int toDays(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (int) (era * 146097 + doe - 719468);
    }

    public static boolean isLeap(long y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    public static int monthLength(long y, long m) {
        return switch ((int) m) {
            case 2 -> isLeap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The epoch day {@code months} months after {@code days}, the day clamped to the month's end. */
    public static int addMonths(int days, long months) {
        long ymd = ymd(days);
        long y = ymd / 10000;
        long m = ymd / 100 % 100;
        long d = ymd % 100;
        long total = y * 12 + (m - 1) + months;
        long ny = Math.floorDiv(total, 12);
        long nm = Math.floorMod(total, 12) + 1;
        return toDays(ny, nm, Math.min(d, monthLength(ny, nm)));
    }

    /** ISO day of week, Monday = 1 ... Sunday = 7; Spark's dayofweek is Sunday = 1 ... Saturday = 7. */
    public static int dayOfWeekSunday1(int days) {
        int isoMon0 = (int) Math.floorMod(days + 3L, 7); // 1970-01-01 was a Thursday
        return (isoMon0 + 1) % 7 + 1;
    }

    public static int dayOfYear(int days) {
        int y = year(days);
        return days - toDays(y, 1, 1) + 1;
    }
}
