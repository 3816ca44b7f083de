import Yams

/// `tls_server_config`, with exporter-toolkit's rules: TLS is on as soon as a certificate, a key,
/// a client CA or a client auth type is set; then both a certificate and a key are required,
/// and they must load and match. Names of cipher suites and curves are Go's.
extension ConfigDecoder {
    /// The TLS settings, or nil when TLS is off or a problem was reported.
    func tlsServer(_ node: Node, _ path: String, directory: String) -> TLSServerConfig? {
        guard let fields = mapping(node, path, known: Self.tlsKeys) else { return nil }
        let errorsBefore = errors.count
        func file(_ key: String) -> String? {
            optional(fields, key, nonEmptyString).map { $0.hasPrefix("/") ? $0 : directory + "/" + $0 }
        }
        let certFile = file("cert_file"), keyFile = file("key_file"), caFile = file("client_ca_file")
        let cert = optional(fields, "cert", nonEmptyString), key = optional(fields, "key", nonEmptyString)
        let ca = optional(fields, "client_ca", nonEmptyString)
        let auth = optional(fields, "client_auth_type") { node, path -> ClientAuthType? in
            // exporter-toolkit still accepts the old name of RequireAnyClientCert.
            if node.scalar?.string == "RequireClientCert" { return .requireAnyClientCert }
            return self.choice(node, path, what: "client auth type", ClientAuthType.allCases.map { ($0.rawValue, $0) })
        }
        let versions = TLSProtocolVersion.allCases.map { ($0.rawValue, $0) }
        let minVersion = optional(fields, "min_version") { self.choice($0, $1, what: "TLS version", versions) } ?? .tls12
        let maxVersion = optional(fields, "max_version") { self.choice($0, $1, what: "TLS version", versions) } ?? .tls13
        let ciphers = optional(fields, "cipher_suites") { self.names($0, $1, what: "cipher suite", TLSNames.cipherSuites) } ?? []
        let curves = optional(fields, "curve_preferences") { self.names($0, $1, what: "curve", TLSNames.curves) } ?? []
        _ = optional(fields, "prefer_server_cipher_suites", boolean)
        let sans = optional(fields, "client_allowed_sans") { node, path -> [String]? in
            guard let items = self.list(node, path) else { return nil }
            let values = items.map { self.nonEmptyString($0.node, $0.path) }
            return values.contains(nil) ? nil : values.compactMap { $0 }
        }
        let enabled = [certFile, keyFile, caFile, cert, key, ca].contains { $0 != nil } || fields.entries["client_auth_type"] != nil
        guard enabled else { return nil }
        if certFile == nil, cert == nil { report(node, path, "missing one of cert or cert_file") }
        if keyFile == nil, key == nil { report(node, path, "missing one of key or key_file") }
        if certFile != nil, cert != nil { report(node, path, "set only one of cert or cert_file") }
        if keyFile != nil, key != nil { report(node, path, "set only one of key or key_file") }
        if caFile != nil, ca != nil { report(node, path, "set only one of client_ca or client_ca_file") }
        let clientAuth = auth ?? .noClientCert
        if caFile != nil || ca != nil, clientAuth == .noClientCert {
            report(node, path, "a client CA is configured without a client_auth_type other than NoClientCert")
        }
        if clientAuth.verifies, caFile == nil, ca == nil {
            report(node, path, "client_auth_type \(clientAuth.rawValue) needs client_ca_file or client_ca")
        }
        // As exporter-toolkit: the names can only be checked when a certificate is required.
        // (An unknown client_auth_type is reported once, above.)
        if sans != nil, auth != nil || fields.entries["client_auth_type"] == nil,
           clientAuth != .requireAnyClientCert, clientAuth != .requireAndVerifyClientCert {
            report(fields.entries["client_allowed_sans"], Self.child(path, "client_allowed_sans"),
                   "client_allowed_sans requires client_auth_type to be one of RequireAnyClientCert or RequireAndVerifyClientCert")
        }
        if minVersion > maxVersion {
            report(fields.entries["min_version"], Self.child(path, "min_version"), "\(minVersion.rawValue) is above max_version \(maxVersion.rawValue)")
        }
        guard errors.count == errorsBefore, let certificate = certFile.map(PEMSource.file) ?? cert.map(PEMSource.inline),
              let privateKey = keyFile.map(PEMSource.file) ?? key.map(PEMSource.inline) else { return nil }
        let config = TLSServerConfig(
            certificate: certificate, privateKey: privateKey, clientAuth: clientAuth,
            clientCA: caFile.map(PEMSource.file) ?? ca.map(PEMSource.inline), clientAllowedSANs: sans,
            cipherSuites: ciphers, curves: curves, minVersion: minVersion, maxVersion: maxVersion)
        // Load everything now: a file that is missing, unreadable, not PEM or a key that does not
        // match its certificate is refused at start or reload, not at the first handshake.
        do { _ = try TLSMaterial.load(config).context() } catch {
            let key = error.key.map { Self.child(path, $0) } ?? path
            report(fields.entries[error.key ?? ""] ?? node, key, error.message)
            return nil
        }
        return config
    }

    /// A list of distinct names from `table`, as their numbers.
    private func names(_ node: Node, _ path: String, what: String, _ table: [(String, UInt16)]) -> [UInt16]? {
        guard let items = list(node, path) else { return nil }
        var values: [UInt16] = []
        for item in items {
            guard let text = string(item.node, item.path) else { return nil }
            guard let value = table.first(where: { $0.0 == text })?.1 else {
                let expected = table.count > 6 ? "one of Go's names, such as \(table[13].0)" : Self.alternatives(table.map(\.0))
                report(item.node, item.path, "unknown \(what) '\(text)': expected \(expected)")
                return nil
            }
            if values.contains(value) {
                report(item.node, item.path, "duplicate \(what) '\(item.node.scalar?.string ?? "")'")
                return nil
            }
            values.append(value)
        }
        return values
    }
}

/// Go's names for TLS cipher suites and curves (`crypto/tls`), with their IANA numbers.
enum TLSNames {
    static let cipherSuites: [(String, UInt16)] = [
        ("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F), ("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035),
        ("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C), ("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D),
        ("TLS_AES_128_GCM_SHA256", 0x1301), ("TLS_AES_256_GCM_SHA384", 0x1302), ("TLS_CHACHA20_POLY1305_SHA256", 0x1303),
        ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009), ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A),
        ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013), ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014),
        ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B), ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C),
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F), ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030),
        ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8), ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9),
    ]
    static let curves: [(String, UInt16)] = [("CurveP256", 23), ("CurveP384", 24), ("CurveP521", 25), ("X25519", 29)]
}
