@testable import EGovExporterApp
import Foundation
import NIOSSL
import Testing

/// `client_allowed_sans`: the names a client certificate carries, written as exporter-toolkit
/// (Go's `x509`) writes them, since the configured values are compared with them exactly.
@Suite("Client certificate names (client_allowed_sans)")
struct ClientSANTests {
    @Test("IP addresses as Go's net.IP.String()", arguments: [
        ([10, 0, 0, 5], "10.0.0.5"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 5], "10.0.0.5"),
        ([0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8::1"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "::1"),
        ([1, 2, 3], nil),
    ] as [([UInt8], String?)])
    func ipText(_ bytes: [UInt8], _ expected: String?) {
        #expect(ClientSANCheck.ipText(bytes) == expected)
    }

    @Test("the names of a certificate, in its order: DNS and IP")
    func names() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/testdata/web/server.crt")
        let certificate = try #require(try NIOSSLCertificate.fromPEMFile(file.path).first)
        #expect(ClientSANCheck.names(certificate) == ["localhost", "127.0.0.1"])
    }
}
