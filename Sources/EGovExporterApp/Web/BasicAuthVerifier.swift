import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Checks basic-auth credentials against the configured bcrypt hashes, as exporter-toolkit
/// does: a successful check is remembered per (user, hash, password) so that a scrape every
/// 15 s pays bcrypt once, and a failed check costs one bcrypt whatever the user (an unknown
/// user is checked against a dummy hash of the same cost), so timing does not tell which users
/// exist. Comparisons with remembered values are constant-time.
final class BasicAuthVerifier: Sendable {
    private let users: [String: String]
    /// A hash of a random password, at the highest cost among the users.
    private let dummyHash: String
    /// The last successful (hash, password) per user; at most one entry per configured user.
    private let verified = Mutex<[String: (hash: [UInt8], password: [UInt8])]>([:])

    /// A verifier for `users` (name to bcrypt hash); computes the dummy hash (one bcrypt).
    init(users: [String: String]) {
        self.users = users
        let cost = users.values.map(BcryptHash.cost).max() ?? 10
        let random = (0..<24).map { _ in Character(Unicode.Scalar(UInt8.random(in: 97...122))) }
        dummyHash = Bcrypt.hash(String(random), cost: UInt8(cost))
    }

    /// Whether `password` is `user`'s. The bcrypt work runs on NIO's blocking thread pool, not
    /// on the threads that serve scrapes.
    func verify(user: String, password: String) async -> Bool {
        let known = users[user]
        let hash = known ?? dummyHash
        let passwordBytes = Array(password.utf8)
        if known != nil, let entry = verified.withLock({ $0[user] }) {
            // Both comparisons always run: which one fails is not timed.
            let sameHash = Self.equal(entry.hash, Array(hash.utf8))
            let samePassword = Self.equal(entry.password, passwordBytes)
            if sameHash && samePassword { return true }
        }
        // libbcrypt knows $2a$ and $2b$; $2y$ (htpasswd, PHP) is the same algorithm as $2b$.
        let normalized = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
        let matches = (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: normalized) }) ?? false
        guard matches, known != nil else { return false }
        verified.withLock { $0[user] = (Array(hash.utf8), passwordBytes) }
        return true
    }

    /// How many users have a remembered successful check.
    var rememberedUsers: Int { verified.withLock { $0.count } }

    /// Equality whose time depends only on the lengths, never on where the bytes differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<min(a.count, b.count) { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// exporter-toolkit's `rate_limit`: one token bucket for the whole server, `burst` tokens,
/// refilled by one every `interval`.
final class RateLimiter: Sendable {
    private let limit: RateLimit
    private let state: Mutex<(tokens: Double, last: ContinuousClock.Instant)>

    init(_ limit: RateLimit) {
        self.limit = limit
        state = Mutex((Double(limit.burst), .now))
    }

    /// Takes a token if one is left.
    func allow(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            let elapsed = now - state.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.tokens = min(Double(limit.burst), state.tokens + seconds * 1000 / Double(limit.intervalMilliseconds))
            state.last = now
            guard state.tokens >= 1 else { return false }
            state.tokens -= 1
            return true
        }
    }
}
