import NIOCore
import NIOSSL

/// The certificates and key a `TLSServerConfig` names, loaded, and the server `TLSConfiguration`
/// they make. Loaded at start and at each reload; errors name the key and the file, never the
/// key's content.
struct TLSMaterial: Sendable {
    let config: TLSServerConfig
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    let clientCAs: [NIOSSLCertificate]

    /// Why the material cannot be loaded: under which key, and what is wrong.
    struct Failure: Error {
        let key: String?
        let message: String
    }

    /// Reads and parses every PEM source of `config`.
    static func load(_ config: TLSServerConfig) throws(Failure) -> TLSMaterial {
        let chain = try certificates(config.certificate, key: "cert")
        let key: NIOSSLPrivateKey
        let keyText = try text(config.privateKey, key: "key")
        do { key = try NIOSSLPrivateKey(bytes: Array(keyText.utf8), format: .pem) } catch {
            throw Failure(key: name(config.privateKey, "key"), message: "\(where_(config.privateKey))holds no PEM private key (or one protected by a passphrase)")
        }
        let cas = try config.clientCA.map { source throws(Failure) in try certificates(source, key: "client_ca") } ?? []
        return TLSMaterial(config: config, chain: chain, key: key, clientCAs: cas)
    }

    /// The server configuration: versions, suites, curves and client-certificate policy.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = Self.version(config.minVersion)
        tls.maximumTLSVersion = Self.version(config.maxVersion)
        if !config.cipherSuites.isEmpty { tls.cipherSuiteValues = config.cipherSuites.map { NIOTLSCipher(rawValue: $0) } }
        if !config.curves.isEmpty { tls.curves = config.curves.map { NIOTLSCurve(rawValue: $0) } }
        switch config.clientAuth {
        case .noClientCert: tls.certificateVerification = .none
        case .requestClientCert, .verifyClientCertIfGiven: tls.certificateVerification = .optionalVerification
        case .requireAnyClientCert, .requireAndVerifyClientCert: tls.certificateVerification = .noHostnameVerification
        }
        if config.clientAuth != .noClientCert {
            tls.trustRoots = .certificates(clientCAs)
            tls.sendCANameList = clientAuth.verifies
        }
        return tls
    }

    private var clientAuth: ClientAuthType { config.clientAuth }

    /// A context built from the configuration: this is where a key that does not match its
    /// certificate is found.
    func context() throws(Failure) -> NIOSSLContext {
        do { return try NIOSSLContext(configuration: tlsConfiguration) } catch {
            // BoringSSL's text adds nothing an operator can act on; the key's content is never shown.
            throw Failure(key: nil, message: "the certificate and key cannot be used together")
        }
    }

    private static func version(_ version: TLSProtocolVersion) -> TLSVersion {
        switch version {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }

    private static func certificates(_ source: PEMSource, key: String) throws(Failure) -> [NIOSSLCertificate] {
        let pem = try text(source, key: key)
        let certificates = (try? NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))) ?? []
        guard !certificates.isEmpty else {
            throw Failure(key: name(source, key), message: "\(where_(source))holds no PEM certificate")
        }
        return certificates
    }

    private static func text(_ source: PEMSource, key: String) throws(Failure) -> String {
        switch source {
        case .inline(let text): return text
        case .file(let path):
            switch ConfigLoader.readFile(path) {
            case .success(let text): return text
            case .failure(let reason): throw Failure(key: name(source, key), message: "cannot read '\(path)': \(reason)")
            }
        }
    }

    /// `cert_file` for a file, `cert` for inline text.
    private static func name(_ source: PEMSource, _ key: String) -> String {
        if case .file = source { return key + "_file" }
        return key
    }

    private static func where_(_ source: PEMSource) -> String {
        if case .file(let path) = source { return "'\(path)' " }
        return ""
    }
}
