#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// `client_allowed_sans`: right after the TLS handshake, before any request is read, closes the
/// connection unless one of the client certificate's subject alternative names is allowed.
/// BoringSSL has already verified the certificate as `client_auth_type` asks; this only adds
/// the name check, as exporter-toolkit's `VerifyPeerCertificate` does after Go's verification.
final class ClientSANCheck: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let allowed: Set<String>
    private let logger: Logger

    init(allowed: [String], logger: Logger) {
        self.allowed = Set(allowed)
        self.logger = logger
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .handshakeCompleted = event as? TLSUserEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self).peerCertificate
        let names = certificate.map(Self.names) ?? []
        guard names.contains(where: allowed.contains) else {
            // Not forwarded: ALPN never configures HTTP, and no byte of a request is read.
            logger.info("refused a client certificate: none of its subject alternative names is in client_allowed_sans",
                        metadata: ["names": "\(names.joined(separator: ", "))"])
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
        context.pipeline.syncOperations.removeHandler(self, promise: nil)
    }

    /// The certificate's DNS names, email addresses, IP addresses and URIs as Go's `x509`
    /// prints them (IP addresses as `net.IP.String()`: dotted IPv4, compressed IPv6).
    static func names(_ certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name -> String? in
            let bytes = Array(name.contents)
            switch name.nameType {
            case .dnsName, .email, .uri: return String(decoding: bytes, as: UTF8.self)
            case .ipAddress: return ipText(bytes)
            default: return nil
            }
        }
    }

    /// An IP address's text from its 4 or 16 bytes; an IPv4-mapped IPv6 address prints as IPv4,
    /// as Go prints it.
    static func ipText(_ bytes: [UInt8]) -> String? {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return nil }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) }
        guard written != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
