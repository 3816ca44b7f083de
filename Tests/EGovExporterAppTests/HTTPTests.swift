import EGovExporterApp
import EGovExposition
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every endpoint in-process: status codes, content types, negotiation and gzip.
@Suite("HTTP endpoints")
struct HTTPTests {
    static let prometheusAccept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    func refreshedStore() async throws -> MetricsStore {
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: Logger(label: "test"))
        let error = await refresher.refresh(config: try DemoDatabase.config(), now: DemoDatabase.now)
        #expect(error == nil)
        return store
    }

    func app(_ store: MetricsStore) -> some ApplicationProtocol {
        buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: store, logger: Logger(label: "test"))
    }

    @Test("/metrics serves text 0.0.4 by default and OpenMetrics to Prometheus")
    func negotiation() async throws {
        let store = try await refreshedStore()
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(response.headers[.contentEncoding] == nil)
                let body = String(buffer: response.body)
                #expect(body.contains("egov_dossiers_on_time_ratio{"))
                #expect(!body.contains("# EOF"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.accept: Self.prometheusAccept]) { response in
                #expect(response.headers[.contentType] == "application/openmetrics-text; version=1.0.0; charset=utf-8")
                #expect(String(buffer: response.body).hasSuffix("# EOF\n"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.accept: "text/plain"]) { response in
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            }
        }
    }

    @Test("/metrics is gzip-encoded when Accept-Encoding allows it, and decodes to the same bytes")
    func gzip() async throws {
        let store = try await refreshedStore()
        let plain = try #require(store.published).text
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get, headers: [.acceptEncoding: "gzip, deflate"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary] == "Accept, Accept-Encoding")
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.prefix(2) == [0x1f, 0x8b])
                let decoded = try gunzip(bytes)
                #expect(decoded == Array(plain.readableBytesView))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test("landing page, health and readiness")
    func pages() async throws {
        let store = try await refreshedStore()
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/metrics\">/metrics</a>"))
                #expect(page.contains("Quý này: Quý IV năm 2026 (từ 15/09/2026 đến 29/11/2026)."))
                #expect(page.contains("<a href=\"/units/19\">Tỉnh Thái Nguyên</a>"))
                #expect(page.contains(">Huyện Định Hóa</a>"))
                #expect(page.contains(">Xã Bình Yên</a>"), "every unit, communes included")
                #expect(page.contains("Cập nhật số liệu lần gần nhất: 10:00:00 ngày 29/11/2026 (giờ Việt Nam)."))
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("before the first refresh: alive, not ready, no metrics yet")
    func notReady() async throws {
        try await app(MetricsStore()).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
    }

    @Test("unknown paths get 404, other methods 405 with Allow, HEAD has no body")
    func methodsAndPaths() async throws {
        let store = try await refreshedStore()
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics/x", method: .get) { #expect($0.status == .notFound) }
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/metrics", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
            try await client.execute(uri: "/healthz", method: .post) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/metrics", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }
}

/// Decompresses a gzip stream with the system's gunzip.
func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}
