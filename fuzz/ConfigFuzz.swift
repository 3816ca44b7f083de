import FuzzDecoders

/// libFuzzer entry for the configuration decoder (EGovExporterApp `ConfigLoader`): any bytes as
/// the YAML text of a configuration file, at start (an empty file allowed) and at a reload.
/// Must never crash; every problem is a `ConfigErrors` whose text is rendered too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for allowEmpty in [true, false] {
        do {
            _ = try ConfigLoader.parse(yaml: text, file: "fuzz.yml", allowEmpty: allowEmpty)
        } catch {
            _ = error.description
        }
    }
    return 0
}
