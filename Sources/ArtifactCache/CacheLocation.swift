import Glibc

/// Where the cache lives, decided the same way by `midimon` and `midimond`:
///
/// 1. `--cache-dir DIR` (the `explicit` argument);
/// 2. else the `MIDIMON_CACHE_DIR` environment variable, when set and not empty;
/// 3. else, when the current folder is inside a midimon checkout, its `cache/` folder: the
///    first folder on the way up holding a `Package.swift` whose package name is `midimon`
///    *and* a `cache/README.md` (both, so that an unrelated package or a stray `cache/` folder
///    is never taken for one);
/// 4. else `$XDG_CACHE_HOME/midimon` when that variable holds an absolute path;
/// 5. else `$HOME/.cache/midimon` (the password database's home when `HOME` is unset).
public struct CacheLocation: Sendable, Equatable, CustomStringConvertible {
    /// Which rule chose the folder.
    public enum Source: String, Sendable {
        case option = "--cache-dir"
        case environment = "MIDIMON_CACHE_DIR"
        case checkout = "the midimon checkout"
        case xdg = "XDG_CACHE_HOME"
        case home = "~/.cache"
    }

    /// The folder, absolute.
    public let path: String
    public let source: Source

    public init(path: String, source: Source) {
        self.path = Self.absolute(path)
        self.source = source
    }

    public var description: String { "\(path) (from \(source.rawValue))" }

    /// Applies the rules above.
    public static func resolve(explicit: String? = nil,
                               environment: [String: String] = currentEnvironment(),
                               workingDirectory: String? = currentDirectory()) -> CacheLocation {
        if let explicit, !explicit.isEmpty { return CacheLocation(path: explicit, source: .option) }
        if let variable = environment["MIDIMON_CACHE_DIR"], !variable.isEmpty {
            return CacheLocation(path: variable, source: .environment)
        }
        if let directory = workingDirectory, let checkout = checkoutRoot(from: directory) {
            return CacheLocation(path: "\(checkout)/cache", source: .checkout)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return CacheLocation(path: "\(xdg)/midimon", source: .xdg)
        }
        return CacheLocation(path: "\(homeDirectory(environment))/.cache/midimon", source: .home)
    }

    /// The midimon checkout containing `directory`, if any (see the type's documentation).
    public static func checkoutRoot(from directory: String) -> String? {
        var current = absolute(directory)
        while true {
            if isMidimonCheckout(current) { return current }
            let parent = POSIX.parentPath(current)
            if parent == current || current == "/" { return nil }
            current = parent
        }
    }

    static func isMidimonCheckout(_ directory: String) -> Bool {
        let base = directory == "/" ? "" : directory
        guard let readme = POSIX.status("\(base)/cache/README.md"), POSIX.isRegularFile(readme),
              case .success(let bytes) = POSIX.readSmallFile("\(base)/Package.swift", limit: 1 << 20)
        else { return false }
        return packageName(String(decoding: bytes, as: UTF8.self)) == "midimon"
    }

    /// The `name:` argument of the manifest's `Package(...)` call.
    static func packageName(_ manifest: String) -> String? {
        guard let call = manifest.firstRange(of: "Package(") else { return nil }
        let rest = manifest[call.upperBound...]
        guard let label = rest.firstRange(of: "name:") else { return nil }
        let afterLabel = rest[label.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard afterLabel.first == "\"" else { return nil }
        let value = afterLabel.dropFirst().prefix { $0 != "\"" }
        return String(value)
    }

    static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/tmp"
    }

    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    public static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` made absolute against the current folder, with `.`/`..`/`//` removed lexically
    /// (links are left alone: the root may legitimately be reached through one).
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : "\(currentDirectory() ?? "/")/\(path)"
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
