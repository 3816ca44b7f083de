/// Prometheus-style durations in whole seconds: `90`, `30s`, `5m`, `1h30m`, `1d`, `1w`.
enum DurationText {
    /// Units in the order they must appear, with their length in seconds.
    private static let units: [(suffix: Character, seconds: Int)] = [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The number of seconds `text` names, or nil when it is not a duration. A bare integer is
    /// seconds; units appear at most once each, largest first, as Prometheus writes them.
    static func seconds(_ text: String) -> Int? {
        if let plain = ConfigDecoder.decimal(text) { return plain >= 0 ? plain : nil }
        var total = 0
        var number = 0
        var sawDigit = false
        var nextUnit = 0
        for character in text {
            if character.isASCII, let digit = character.wholeNumberValue {
                let (scaled, overflow) = number.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                number = scaled + digit
                sawDigit = true
                continue
            }
            guard sawDigit, let index = units[nextUnit...].firstIndex(where: { $0.suffix == character }) else { return nil }
            let (part, overflow) = number.multipliedReportingOverflow(by: units[index].seconds)
            guard !overflow, total <= Int.max - part else { return nil }
            total += part
            number = 0
            sawDigit = false
            nextUnit = index + 1
        }
        // A trailing number without a unit ("1m30") is ambiguous: refuse it.
        return sawDigit || text.isEmpty ? nil : total
    }
}
