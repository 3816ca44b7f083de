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
}

/// Figures that add up over a unit's subtree.
public protocol Summable: Sendable {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
}
