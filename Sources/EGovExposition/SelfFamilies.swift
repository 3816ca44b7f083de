extension EGovMetrics {
    /// The exporter's own families: build, source health, refresh timing and failures.
    static func selfFamilies(_ metrics: SelfMetrics) -> [MetricFamily] {
        var families = [
            MetricFamily(
                name: "egov_exporter_build_info",
                help: "The exporter's build, always 1.",
                samples: [MetricSample(labels: [("version", metrics.version)], value: 1)]),
            MetricFamily(
                name: "egov_source_up",
                help: "Whether the last read of each source (dossiers: one-stop-shop records, documents: document-management records) succeeded (1) or failed (0).",
                samples: metrics.sourceUp.keys.sorted(by: Exposition.precedes).map {
                    MetricSample(labels: [("source", $0)], value: metrics.sourceUp[$0]! ? 1 : 0)
                }),
            MetricFamily(
                name: "egov_refresh_duration_seconds",
                help: "Seconds the last refresh took to read the sources and compute every figure.",
                samples: [MetricSample(labels: [], value: metrics.refreshDurationSeconds)]),
            MetricFamily(
                name: "egov_refresh_interval_seconds",
                help: "The configured seconds between two refreshes (an alert on stale data compares the last success with it).",
                samples: [MetricSample(labels: [], value: Double(metrics.refreshIntervalSeconds))]),
            MetricFamily(
                name: "egov_refresh_failures",
                help: "Refreshes that failed since the exporter started.",
                type: .counter,
                samples: [MetricSample(labels: [], value: Double(metrics.refreshFailures))]),
        ]
        if !metrics.invalidRecordsCountedAt.isEmpty {
            families.append(MetricFamily(
                name: "egov_invalid_records_counted_timestamp_seconds",
                help: "Unix time of the count behind egov_invalid_records, per source: the invalid records of the whole history are counted every invalid_records_interval, the figures at every refresh.",
                samples: metrics.invalidRecordsCountedAt.keys.sorted(by: Exposition.precedes).map {
                    MetricSample(labels: [("source", $0)], value: metrics.invalidRecordsCountedAt[$0]!)
                }))
        }
        if let timestamp = metrics.lastSuccessTimestamp {
            families.append(MetricFamily(
                name: "egov_last_refresh_success_timestamp_seconds",
                help: "Unix time of the last successful refresh.",
                samples: [MetricSample(labels: [], value: timestamp)]))
        }
        if let snapshots = metrics.snapshots { families += snapshotFamilies(snapshots) }
        if let imports = metrics.imports { families += importFamilies(imports) }
        return families
    }

    /// `egov_snapshots_taken_total`, `egov_snapshot_store_up`, `egov_snapshot_last_success_timestamp_seconds` and
    /// `egov_snapshot_missing_since_timestamp_seconds`.
    static func snapshotFamilies(_ status: SnapshotStatus) -> [MetricFamily] {
        var families = [
            MetricFamily(
                name: "egov_snapshots_taken",
                help: "Quarterly snapshots (one unit, one closed period) this process has stored since it started.",
                type: .counter,
                samples: [MetricSample(labels: [], value: Double(status.taken))]),
            MetricFamily(
                name: "egov_snapshot_store_up",
                help: "1 when the state database could be opened, read and written at the last refresh; 0 when the snapshots are failing (the log says why). The metrics are served either way.",
                samples: [MetricSample(labels: [], value: status.storeUp ? 1 : 0)]),
            MetricFamily(
                name: "egov_snapshot_missing_since_timestamp_seconds",
                help: "Units at the configured snapshot levels with no snapshot yet of the last closed period (id): Unix time since which it is due (the day after the period's last day plus the configured delay). Absent once taken.",
                samples: status.missing
                    .sorted { ($0.unit, $0.period) < ($1.unit, $1.period) }
                    .map { MetricSample(labels: [("unit", $0.unit), ("level", $0.level), ("id", $0.period)], value: $0.dueSince) }),
        ]
        if let last = status.lastSuccessTimestamp {
            families.append(MetricFamily(
                name: "egov_snapshot_last_success_timestamp_seconds",
                help: "Unix time of the latest snapshot stored in the state database.",
                samples: [MetricSample(labels: [], value: last)]))
        }
        return families
    }
}

extension EGovMetrics {
    /// `egov_import_records_total`, `egov_import_failed_files_total` and
    /// `egov_import_last_success_timestamp_seconds`: the drop folder's imports.
    static func importFamilies(_ status: ImportStatus) -> [MetricFamily] {
        var records: [MetricSample] = []
        for format in status.records.keys.sorted(by: Exposition.precedes) {
            let outcomes = status.records[format]!
            for outcome in ["inserted", "rejected", "unchanged", "updated"] {
                records.append(MetricSample(labels: [("format", format), ("outcome", outcome)], value: Double(outcomes[outcome] ?? 0)))
            }
        }
        var families = [
            MetricFamily(
                name: "egov_import_records",
                help: "Records imported from the drop folder (import.watch_dir) since the exporter started, by format and outcome.",
                type: .counter, samples: records),
            MetricFamily(
                name: "egov_import_failed_files",
                help: "Files of the drop folder that could not be imported (moved to failed/) since the exporter started.",
                type: .counter, samples: [MetricSample(labels: [], value: Double(status.failedFiles))]),
        ]
        if let last = status.lastSuccess {
            families.append(MetricFamily(
                name: "egov_import_last_success_timestamp_seconds",
                help: "Unix time of the last file imported from the drop folder.",
                samples: [MetricSample(labels: [], value: last)]))
        }
        return families
    }
}
