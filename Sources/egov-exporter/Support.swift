import ArgumentParser
import EGovExporterApp
import EGovKPI
import EGovPostgres
import Foundation

/// Writes to standard error.
enum FileHandleWriter {
    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Turns the common options into domain values, with one-line errors.
enum Resolve {
    static func calendar(profile: String, timeZone: String) throws -> ReportingCalendar {
        guard let p = PeriodProfile.named(profile) else {
            throw fail("unknown period profile '\(profile)': expected nd09 or calendar")
        }
        guard let zone = UTCOffset(name: timeZone) else {
            throw fail("unknown time zone '\(timeZone)': expected Asia/Ho_Chi_Minh, UTC or ±HH:MM")
        }
        return ReportingCalendar(profile: p, zone: zone)
    }

    /// The configuration file at `path` (or the built-in defaults) with the command-line
    /// overrides applied. Errors are printed one per line and end the command.
    static func config(path: String?, overrides: ConfigOverrides) throws -> ExporterConfig {
        do throws(ConfigErrors) {
            return try overrides.apply(to: path == nil ? .default : ConfigLoader.load(path: path!))
        } catch {
            for line in error.lines() { _ = fail(line) }
            throw ExitCode.failure
        }
    }

    /// The web configuration `config` names, or none.
    static func web(_ config: ExporterConfig) throws -> WebConfig {
        guard let path = config.webConfigFile else { return .none }
        do throws(ConfigErrors) {
            return try WebConfigLoader.load(path: path)
        } catch {
            for line in error.lines() { _ = fail(line) }
            throw ExitCode.failure
        }
    }

    /// The instant `--as-of` names, or now.
    static func asOf(_ text: String?, zone: UTCOffset) throws -> Int64 {
        guard let text else { return Int64(Date().timeIntervalSince1970) }
        guard let seconds = Timestamp.epochSeconds(text, zone: zone) else {
            throw fail("invalid --as-of '\(text)': expected an ISO 8601 timestamp such as 2024-03-14 or 2024-03-14T17:30:00Z")
        }
        return seconds
    }

    /// The period `id`, cut at the day of `asOf` when it is still open then.
    static func period(_ id: String, calendar: ReportingCalendar, asOf: Int64) throws -> ReportingPeriod {
        let period: ReportingPeriod
        do { period = try calendar.period(id: id) } catch { throw fail(error.description) }
        let day = calendar.zone.localDate(epochSeconds: asOf)
        guard day >= period.firstDay else {
            throw fail("period \(id) starts on \(period.firstDay), after the --as-of day \(day)")
        }
        return period.truncated(toDay: day)
    }
}

/// PostgreSQL connection pools running for the rest of the command (a command has no
/// ServiceGroup; the process ends with it).
func runningPostgres() -> PostgresClients {
    let clients = PostgresClients()
    Task.detached { try? await clients.run() }
    return clients
}
