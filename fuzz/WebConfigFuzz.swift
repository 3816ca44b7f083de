import FuzzDecoders

/// libFuzzer entry for the web-configuration decoder (EGovExporterApp `WebConfigLoader`): any
/// bytes as the YAML text of an exporter-toolkit web file. Must never crash; every problem is a
/// `ConfigErrors` whose text is rendered too. Certificates and keys are not loaded here (see
/// TLSMaterialStub.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try WebConfigLoader.parse(yaml: text, file: "web.yml", directory: "/nonexistent", allowEmpty: false)
    } catch {
        _ = error.description
    }
    return 0
}
