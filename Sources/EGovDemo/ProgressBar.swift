#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, `[#####.....] 42% dossiers`, drawn only when
/// standard error is a terminal, so logs and pipes stay clean.
public struct ProgressBar: Sendable {
    /// The word after the percentage.
    public let label: String
    /// Number of cells between the brackets.
    public let width: Int
    /// Whether anything is drawn (standard error is a TTY).
    public let isEnabled: Bool

    /// A bar labelled `label`, `width` cells wide.
    public init(label: String, width: Int = 30) {
        self.label = label
        self.width = max(1, width)
        self.isEnabled = isatty(2) == 1
    }

    /// Redraws the bar for `done` of `total`.
    public func update(done: Int, total: Int) {
        guard isEnabled else { return }
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
        let filled = Int(fraction * Double(width))
        let percent = Int(fraction * 100)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        emit("\r[\(bar)] \(percent)% \(label)")
    }

    /// Ends the bar's line.
    public func finish() {
        guard isEnabled else { return }
        emit("\n")
    }

    private func emit(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
