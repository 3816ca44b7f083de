import HTTPTypes
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOHTTP2
import NIOHTTPTypes
import NIOSSL

/// A TLS connection of the exporter: the TLS handler, the `client_allowed_sans` check, then
/// either HTTP/2 or the guarded HTTP/1.1 pipeline as ALPN chose (`http2: true`, the
/// exporter-toolkit default), or HTTP/1.1 only (`http2: false`). HummingbirdHTTP2's own
/// `HTTP2UpgradeChannel` would serve HTTP/1.1 without the `ConnectionGuard`, hence this one.
///
/// The limits of `HTTPLimits` on an HTTP/2 connection: the connection cap counts it like any
/// other (it is one TCP connection); the TLS handshake and ALPN must end within
/// `headerReadTimeout`; each stream (one request) is reset when its response is not written
/// within `requestTimeout`; a connection without open streams gets a GOAWAY after
/// `idleTimeout` (Hummingbird's connection manager), and `ConnectionDeadline` closes it when
/// the client then stays silent; at shutdown it gets a GOAWAY and is closed `shutdownTimeout`
/// later.
struct SecureHTTPChannel: ServerChildChannel {
    /// BoringSSL's check of a client certificate replaced (swift-nio-ssl's callback, Sendable).
    typealias Verification = @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void
    /// For RequestClientCert and RequireAnyClientCert: a certificate is asked for, not checked.
    static let acceptAnyCertificate: Verification = { _, promise in promise.succeed(.certificateVerified) }

    struct Value: ServerChildChannelValue {
        let negotiated: EventLoopFuture<NIONegotiatedHTTPVersion<GuardedHTTP1Channel.Value, HTTP2Channel.Value>>
        let channel: any Channel
    }

    let context: NIOSSLContext
    let verification: Verification?
    let allowedSANs: [String]?
    let http1: GuardedHTTP1Channel
    /// Nil when HTTP/2 is off: ALPN is not offered and every connection is HTTP/1.1.
    let http2: HTTP2Channel?
    let limits: HTTPLimits

    init(responder: @escaping HTTPChannelHandler.Responder, tls: TLSConfiguration, verification: Verification?,
         allowedSANs: [String]?, http2: Bool, limits: HTTPLimits) throws {
        var tls = tls
        tls.applicationProtocols = http2 ? NIOHTTP2SupportedALPNProtocols : []
        self.context = try NIOSSLContext(configuration: tls)
        self.verification = verification
        self.allowedSANs = allowedSANs
        self.limits = limits
        self.http1 = GuardedHTTP1Channel(responder: responder, limits: limits)
        self.http2 = http2 ? HTTP2Channel(responder: responder, configuration: Self.http2Configuration(limits)) : nil
    }

    static func http2Configuration(_ limits: HTTPLimits) -> HTTP2ChannelConfiguration {
        .init(idleTimeout: .seconds(limits.idleTimeout), gracefulCloseTimeout: .seconds(limits.shutdownTimeout),
              streamConfiguration: .init(additionalChannelHandlers: [StreamDeadline(seconds: limits.requestTimeout)]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let handshake = channel.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(limits.headerReadTimeout))) {
            logger.debug("closing connection", metadata: ["reason": "TLS handshake not completed in time"])
            channel.close(promise: nil)
        }
        do {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(NIOSSLServerHandler(context: context, customVerificationCallback: verification, configuration: .init()))
            if let allowedSANs { try pipeline.addHandler(ClientSANCheck(allowed: allowedSANs, logger: logger)) }
        } catch {
            handshake.cancel()
            return channel.eventLoop.makeFailedFuture(error)
        }
        let negotiated: EventLoopFuture<EventLoopFuture<NIONegotiatedHTTPVersion<GuardedHTTP1Channel.Value, HTTP2Channel.Value>>>
        if let http2 {
            negotiated = channel.configureHTTP2AsyncSecureUpgrade { channel in
                self.http1.setup(channel: channel, logger: logger)
            } http2ConnectionInitializer: { channel in
                do {
                    try channel.pipeline.syncOperations.addHandler(ConnectionDeadline(limits: self.limits, logger: logger))
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                return http2.setup(channel: channel, logger: logger)
            }
        } else {
            // The guard's own header deadline starts with the connection.
            handshake.cancel()
            negotiated = http1.setup(channel: channel, logger: logger).map { channel.eventLoop.makeSucceededFuture(.http1_1($0)) }
        }
        return negotiated.map { version in
            version.whenComplete { _ in handshake.cancel() }
            return Value(negotiated: version, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.negotiated.get() {
            case .http1_1(let connection): await http1.handle(value: connection, logger: logger)
            case .http2(let connection): await http2?.handle(value: connection, logger: logger)
            }
        } catch {
            logger.debug("TLS connection ended before HTTP began", metadata: ["error": "\(error)"])
        }
    }
}

/// On an HTTP/2 stream (one request): resets it when its response is not written within
/// `seconds`, as `ConnectionGuard`'s request timeout does for an HTTP/1 connection.
final class StreamDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    private let seconds: Int
    private var deadline: Scheduled<Void>?

    init(seconds: Int) { self.seconds = seconds }

    func handlerAdded(context: ChannelHandlerContext) {
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(seconds))) {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { deadline?.cancel() }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }
}

/// On an HTTP/2 connection, below the HTTP/2 handler: closes it when the client has sent nothing
/// for `idleTimeout + headerReadTimeout`, and `shutdownTimeout` after a graceful shutdown began.
/// Hummingbird's connection manager only sends GOAWAY and a PING when a connection is idle or
/// the server stops, and waits for the PING's answer: without this, a client that never
/// answers would hold its connection (and a slot of `maxConnections`) for ever.
final class ConnectionDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let silence: TimeAmount
    private let shutdown: TimeAmount
    private let logger: Logger
    private var lastRead = NIODeadline.now()
    private var check: Scheduled<Void>?
    private var shutdownDeadline: Scheduled<Void>?

    init(limits: HTTPLimits, logger: Logger) {
        silence = .seconds(Int64(limits.idleTimeout + limits.headerReadTimeout))
        shutdown = .seconds(Int64(limits.shutdownTimeout))
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { schedule(context, at: lastRead + silence) }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        shutdownDeadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Only remembered: rescheduling at every read would cost a timer per TLS record.
        lastRead = .now()
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, shutdownDeadline == nil {
            shutdownDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: shutdown) {
                self.logger.debug("closing an HTTP/2 connection still open at the shutdown deadline")
                context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let due = self.lastRead + self.silence
            if due <= .now() {
                self.logger.debug("closing connection", metadata: ["reason": "HTTP/2 client silent"])
                context.close(promise: nil)
            } else {
                self.schedule(context, at: due)
            }
        }
    }
}
