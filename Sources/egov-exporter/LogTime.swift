import EGovKPI
#if canImport(Glibc)
import Glibc
#endif

/// The time zone of the daemon's log lines: swift-log's stream handler writes local time, so
/// the process's zone is set to the configured one (a POSIX TZ string needs no tz database).
enum LogTime {
    /// Makes `zone` the process's local time: `+07:00` is the POSIX zone `<+07>-07`.
    static func use(_ zone: UTCOffset) {
        setenv("TZ", posixName(zone), 1)
        tzset()
    }

    /// The POSIX TZ name of a fixed offset; POSIX counts hours west of UTC, hence the sign.
    static func posixName(_ zone: UTCOffset) -> String {
        let seconds = abs(zone.seconds)
        let hours = seconds / 3600, minutes = seconds / 60 % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let east = zone.seconds >= 0
        let name = (east ? "+" : "-") + two(hours) + (minutes > 0 ? two(minutes) : "")
        return "<\(name)>\(east ? "-" : "+")\(two(hours))" + (minutes > 0 ? ":\(two(minutes))" : "")
    }
}
