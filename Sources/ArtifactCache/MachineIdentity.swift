import Glibc

/// This machine's identity as both sides can compute it without LLVM: the architecture
/// (`uname -m`) and the first processor's identification and feature flags from
/// `/proc/cpuinfo`, hashed.
///
/// It is in every cache key and names the toolchain record (`toolchains/<machine>.json`), so
/// a cache folder shared between machines (a synced home, a copied checkout) never serves one
/// machine's code to another: a daemon on another CPU computes another identity, finds no
/// toolchain record and no entry. Fields that change while the machine does not (clock speed,
/// microcode revision, bogomips) are left out. A kernel or hypervisor that exposes different
/// flags gives a new identity, and the plugins are compiled again: the safe direction.
public enum MachineIdentity {
    /// The identity of the machine this process runs on, computed once.
    public static let current: String = identity(cpuinfo: readCPUInfo(), architecture: architecture())

    /// `/proc/cpuinfo` fields that identify the processor model and what it can execute:
    /// x86 (`vendor_id` … `flags`) and Arm (`CPU implementer` … `Features`) spellings.
    static let fields: Set<String> = [
        "vendor_id", "cpu family", "model", "model name", "stepping", "flags",
        "CPU implementer", "CPU architecture", "CPU variant", "CPU part", "CPU revision", "Features",
        "isa", "uarch", "cpu", "platform",
    ]

    /// The identity for a given `/proc/cpuinfo` text and architecture.
    static func identity(cpuinfo: String, architecture: String) -> String {
        var selected: [(String, String)] = [("arch", architecture)]
        // The first processor's block: up to the first blank line.
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if selected.count > 1 { break }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingBlanks()
            guard fields.contains(name) else { continue }
            selected.append((name, line[line.index(after: colon)...].trimmingBlanks()))
        }
        return POSIX.sha256(CanonicalText.lines(selected))
    }

    static func readCPUInfo() -> String {
        // /proc files report size 0; read until the end (a few KB per processor).
        switch POSIX.readSmallFile("/proc/cpuinfo", limit: 1 << 22) {
        case .success(let bytes): String(decoding: bytes, as: UTF8.self)
        case .failure: ""
        }
    }

    static func architecture() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafePointer(to: &names.machine) {
            String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
        }
    }
}

extension Substring {
    func trimmingBlanks() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
