import EGovKPI
import Foundation

/// The stored snapshots as OpenMetrics samples for a Prometheus backfill
/// (`promtool tsdb create-blocks-from openmetrics`): the trend of every figure quarter by quarter.
///
/// Two gauge families, each sample timestamped at the end of its period's last day (23:59:59 local
/// time in the configured zone):
/// - `egov_snapshot_figure{unit, level, period_id, figure}`: every numeric figure of the snapshot,
///   `figure` being its key in `report --format json` (`resolved_late`, `on_time_rate`, ...). A rate
///   whose denominator was 0 is null in the snapshot and has no sample, as the live ratios have no
///   series then.
/// - `egov_snapshot_info{unit, name, level, period_id, first_day, last_day, version} 1`: the unit's
///   name for legends, the period's days and the version exported.
///
/// The families are separate from the live ones (`egov_dossiers_on_time_ratio{period=...}`) on
/// purpose: a frozen, possibly amended figure of a closed quarter is not a scrape of the exporter
/// (it has no job, instance or relative `period`), and the rules and dashboards that read the live
/// families must never add it in.
public enum SnapshotTrends {
    /// The OpenMetrics text of `snapshots` (one per unit and period: the caller keeps the latest
    /// version of each), families sorted by name, series sorted by labels then time, one `# EOF`.
    public static func openMetrics(_ snapshots: [Snapshot], zone: UTCOffset) throws -> String {
        var figures: [(labels: String, time: Int64, value: String)] = []
        var infos: [(labels: String, time: Int64)] = []
        for snapshot in snapshots {
            let d = snapshot.document
            let time = endOfDay(d.period.lastDay, zone: zone)
            for (key, value) in try numericFigures(d.figures, unit: d.unitCode, period: d.period.id) {
                figures.append((labels(["figure": key, "level": d.unitLevel, "period_id": d.period.id, "unit": d.unitCode]),
                                time, value))
            }
            infos.append((labels(["first_day": d.period.firstDay.description, "last_day": d.period.lastDay.description,
                                  "level": d.unitLevel, "name": d.unitName, "period_id": d.period.id,
                                  "unit": d.unitCode, "version": String(snapshot.version)]), time))
        }
        figures.sort { ($0.labels, $0.time) < ($1.labels, $1.time) }
        infos.sort { ($0.labels, $0.time) < ($1.labels, $1.time) }
        var out = "# HELP egov_snapshot_figure A figure of a stored quarterly snapshot (latest version), by its key in report --format json, at the end of the period's last day.\n"
        out += "# TYPE egov_snapshot_figure gauge\n"
        for f in figures { out += "egov_snapshot_figure{\(f.labels)} \(f.value) \(f.time)\n" }
        out += "# HELP egov_snapshot_info The unit, period and version of a stored snapshot; always 1.\n"
        out += "# TYPE egov_snapshot_info gauge\n"
        for i in infos { out += "egov_snapshot_info{\(i.labels)} 1 \(i.time)\n" }
        return out + "# EOF\n"
    }

    /// The last second of local day `day`: the instant a period ending that day is complete.
    public static func endOfDay(_ day: LocalDate, zone: UTCOffset) -> Int64 {
        zone.startOfDay(day.adding(days: 1)) - 1
    }

    /// The top-level numbers of a snapshot's figures JSON, as OpenMetrics values: integers exactly
    /// ("8194"), other numbers in Swift's shortest round-trip spelling; nulls and objects skipped.
    /// Decoded with JSONDecoder, which reads a number correctly rounded (JSONSerialization on
    /// Linux can be one unit in the last place off: 0.8046709129511678 read as 0.804670912951168).
    static func numericFigures(_ json: String, unit: String, period: String) throws -> [(String, String)] {
        guard let object = try? JSONDecoder().decode([String: FigureValue].self, from: Data(json.utf8)) else {
            throw SnapshotStoreError("the figures of the snapshot of \(unit) for \(period) are not a JSON object")
        }
        return object.keys.sorted().compactMap { key in
            guard case .number(let value) = object[key] else { return nil }
            return (key, spell(value))
        }
    }

    /// A value of the figures object: a number, or anything else (a string, null, an object).
    enum FigureValue: Decodable {
        case number(Double)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) { self = .number(value) } else { self = .other }
        }
    }

    /// `8194` for an integral value, `0.9375` otherwise.
    static func spell(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `a="1",b="2"` from label names and values, sorted by name, values escaped.
    static func labels(_ pairs: [String: String]) -> String {
        pairs.keys.sorted().map { "\($0)=\"\(escape(pairs[$0]!))\"" }.joined(separator: ",")
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
