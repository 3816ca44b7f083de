import HummingbirdCore
import NIOCore
import NIOSSL

extension WebSecurity {
    /// The TLS server of the web configuration in force, or nil without TLS. The certificate
    /// and key are looked up at each handshake, so a reload that replaces them (renewed
    /// certificates) takes effect without a restart; the other TLS settings (client
    /// certificates, `client_allowed_sans`, `http2`) are fixed here.
    func tlsServer(limits: HTTPLimits) -> HTTPServerBuilder? {
        guard let material = current.tls else { return nil }
        var tls = material.tlsConfiguration
        tls.sslContextCallback = { (_: NIOSSLClientExtensionValues, promise: EventLoopPromise<NIOSSLContextConfigurationOverride>) in
            var override = NIOSSLContextConfigurationOverride()
            if let current = self.current.tls {
                override.certificateChain = current.chain.map { .certificate($0) }
                override.privateKey = .privateKey(current.key)
            }
            promise.succeed(override)
        }
        // RequestClientCert and RequireAnyClientCert ask for a certificate without checking it.
        let auth = material.config.clientAuth
        let acceptAny = auth == .requestClientCert || auth == .requireAnyClientCert
        let verification = acceptAny ? SecureHTTPChannel.acceptAnyCertificate : nil
        let (configuration, sans, http2) = (tls, material.config.clientAllowedSANs, current.config.http2)
        return HTTPServerBuilder { responder in
            try SecureHTTPChannel(responder: responder, tls: configuration, verification: verification,
                                  allowedSANs: sans, http2: http2, limits: limits)
        }
    }
}
