/// Fuzz builds only: stands in for `TLSMaterial` (Sources/EGovExporterApp/Web/TLSMaterial.swift),
/// which needs swift-nio-ssl and BoringSSL, so that the web-config decoder is fuzzed on its own.
/// It accepts every certificate and key without reading a file: a fuzz input can name any path
/// (/dev/zero included), and parsing PEM is BoringSSL's part, not the decoder's.
struct TLSMaterial {
    struct Failure: Error {
        let key: String?
        let message: String
    }

    static func load(_ config: TLSServerConfig) throws(Failure) -> TLSMaterial { TLSMaterial() }

    func context() throws(Failure) {}
}
