/// libFuzzer entry for the timestamp parser (EGovKPI `Timestamp`): any bytes, as a source
/// system's date text, in any of the time zones the configuration allows. Must never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for zone in [UTCOffset.vietnam, UTCOffset(name: "UTC"), UTCOffset(name: "-09:30")].compactMap({ $0 }) {
        _ = Timestamp.epochSeconds(text, zone: zone)
    }
    _ = UTCOffset(name: text)
    _ = LocalDate(iso: text)
    return 0
}
