/// A share with its numerator and denominator. Undefined (nil), not 0, when nothing is counted.
public struct Ratio: Hashable, Sendable {
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// numerator / denominator in 0...1, or nil when the denominator is 0.
    public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }

    /// The share in percent rounded to `decimals` places, as the appendix prints it
    /// (`100`, `92.86`), or nil when undefined.
    public func percentText(decimals: Int = 2) -> String? {
        guard denominator > 0 else { return nil }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        // Integer rounding, half up, so 2/3 prints 66.67 on every platform.
        let scaled = (numerator * 100 * scale * 2 + denominator) / (2 * denominator)
        let whole = scaled / scale
        let fraction = scaled % scale
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

/// Figures that add up over a unit's subtree.
public protocol Summable: Sendable {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
}
