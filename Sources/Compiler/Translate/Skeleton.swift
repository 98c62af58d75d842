/// The module without its code: what the runtime needs to instantiate a compiled artifact
/// (types, imports, exports, limits, globals, segments, start) plus the `name` section for
/// trap reports. It is embedded in the artifact and read back with the same parser
/// (`ModuleParser.parse(_:codeRequired: false)`), so no second format has to be kept in step.
enum Skeleton {
    static func bytes(of module: WasmModule) -> [UInt8] {
        var bytes = Array(module.bytes[0..<8])
        for section in module.sections {
            switch section.id {
            case .code: continue
            case .custom where section.customName != "name": continue
            default: bytes += module.bytes[section.offset..<section.contents.upperBound]
            }
        }
        return bytes
    }
}
