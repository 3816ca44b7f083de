/// libFuzzer entry for content negotiation (EGovExposition): the input's first line is an
/// Accept header, the rest an Accept-Encoding header. Must never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNegotiation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let newline = bytes.firstIndex(of: 10) ?? size
    let accept = String(decoding: bytes[..<newline], as: UTF8.self)
    let encoding = String(decoding: bytes[min(newline + 1, size)...], as: UTF8.self)
    _ = ExpositionFormat.negotiate(accept: accept)
    _ = ContentCoding.acceptsGzip(encoding)
    return 0
}
