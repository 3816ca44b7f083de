import Logging
import NIOCore
import NIOHTTP1

/// Sits between the HTTP/1 decoder and Hummingbird on every connection and closes it when it
/// holds a file descriptor without progress:
///
/// - headers not complete within `headerReadTimeout` of connecting, or `idleTimeout` after the
///   previous response (slow or silent clients);
/// - a response not completely written within `requestTimeout` of its request's headers (a
///   client that never reads);
/// - right after the response to a request that cannot be parsed, or to one that does not keep
///   the connection alive (HTTP/1.0 without keep-alive, `Connection: close`): Hummingbird would
///   otherwise wait for the client to close, and a client still sending a body never does;
/// - `shutdownTimeout` after a graceful shutdown began, so SIGTERM ends in bounded time.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: HTTPLimits
    private let logger: Logger
    /// The one pending deadline of the exchange (headers, response) and why it closes.
    private var deadline: Scheduled<Void>?
    /// Set at graceful shutdown; never cancelled but by the channel closing.
    private var shutdownDeadline: Scheduled<Void>?
    /// Whether each request read and not yet answered lets the connection stay open afterwards,
    /// oldest first (pipelined requests are answered in order).
    private var keepAlive: [Bool] = []
    /// Set by a parse error or a graceful shutdown: close once the response is written.
    private var closeAfterResponse = false

    init(limits: HTTPLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, seconds: limits.headerReadTimeout, "request headers not received in time") }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        shutdownDeadline?.cancel()
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, seconds: limits.headerReadTimeout, "request headers not received in time")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        shutdownDeadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            keepAlive.append(head.isKeepAlive)
            arm(context, seconds: limits.requestTimeout, "response not completed in time")
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if keepAlive.first == false || closeAfterResponse {
                head.headers.replaceOrAdd(name: "Connection", value: "close")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let close = (keepAlive.isEmpty ? false : !keepAlive.removeFirst()) || closeAfterResponse
            let written = promise ?? context.eventLoop.makePromise()
            context.write(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in
                if close {
                    context.close(promise: nil)
                } else {
                    self.arm(context, seconds: self.limits.idleTimeout, "idle keep-alive connection")
                }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError {
            // Hummingbird answers 400 and waits for the client to close: close it ourselves once
            // the answer is written, or soon if no answer comes.
            closeAfterResponse = true
            arm(context, seconds: min(2, limits.requestTimeout), "unparsable request")
        }
        context.fireErrorCaught(error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, shutdownDeadline == nil {
            closeAfterResponse = true
            shutdownDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(limits.shutdownTimeout))) {
                self.logger.debug("closing a connection still open at the shutdown deadline")
                context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Replaces the pending deadline with one `seconds` from now that closes the connection.
    private func arm(_ context: ChannelHandlerContext, seconds: Int, _ reason: String) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(seconds))) {
            self.logger.debug("closing connection", metadata: ["reason": "\(reason)"])
            context.close(promise: nil)
        }
    }
}
