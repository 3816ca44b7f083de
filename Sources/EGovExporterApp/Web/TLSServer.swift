import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOSSL

extension WebSecurity {
    /// The TLS server of the web configuration in force, or nil without TLS. The certificate
    /// and key are looked up at each handshake, so a reload that replaces them (renewed
    /// certificates) takes effect without a restart; the other TLS settings are fixed here.
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
        var configuration = TLSChannelConfiguration(tlsConfiguration: tls)
        let auth = material.config.clientAuth
        if auth == .requestClientCert || auth == .requireAnyClientCert {
            configuration.customVerificationCallback = { _, promise in promise.succeed(.certificateVerified) }
        }
        let channelConfiguration = configuration
        return HTTPServerBuilder { responder in
            try TLSChannel(GuardedHTTP1Channel(responder: responder, limits: limits), configuration: channelConfiguration)
        }
    }
}
