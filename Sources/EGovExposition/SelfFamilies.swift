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
                name: "egov_refresh_failures",
                help: "Refreshes that failed since the exporter started.",
                type: .counter,
                samples: [MetricSample(labels: [], value: Double(metrics.refreshFailures))]),
        ]
        if let timestamp = metrics.lastSuccessTimestamp {
            families.append(MetricFamily(
                name: "egov_last_refresh_success_timestamp_seconds",
                help: "Unix time of the last successful refresh.",
                samples: [MetricSample(labels: [], value: timestamp)]))
        }
        return families
    }
}
