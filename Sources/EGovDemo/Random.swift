/// The demo's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Swift's system generator is never used, so a (scale, seed, until) triple always produces the
/// same database. Each concern (a unit's dossiers, its documents, its staff...) draws from its own
/// stream, derived from the seed and a stable name, so adding rows to one unit never shifts the
/// random numbers of another.
struct DemoRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A stream for `seed` and the purpose `stream` (e.g. `"dossiers/05587"`).
    init(seed: UInt64, stream: String) {
        var mix = SplitMix64(state: seed ^ DemoRandom.stableHash(stream))
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniform integer in `range` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: Range<Int>) -> Int {
        int(range.lowerBound...(range.upperBound - 1))
    }

    /// A uniform double in `range`.
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0..<items.count)]
    }

    /// An index chosen with probability proportional to `weights`.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (index, weight) in weights.enumerated() {
            if x < weight { return index }
            x -= weight
        }
        return weights.count - 1
    }

    /// The expected `mean` as a whole count: its integer part plus one with the fractional part's
    /// probability, so sums over many days stay close to the plan.
    mutating func count(mean: Double) -> Int {
        let whole = mean.rounded(.down)
        return Int(whole) + (chance(mean - whole) ? 1 : 0)
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and platforms, unlike `hashValue`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// SplitMix64, used only to expand a 64-bit seed into xoshiro's 256-bit state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
