import Glibc

/// Resolves guest paths beneath a directory descriptor so that nothing outside it is ever
/// reached.
///
/// Why component by component: the kernel's `openat2(RESOLVE_BENEATH)` would do it in one
/// call, but Glibc has no wrapper and Swift cannot call the variadic `syscall`; walking the
/// path ourselves works on every kernel and keeps the rules in one place:
///
/// - an absolute path, or a symbolic link whose target is absolute, is `ENOTCAPABLE`;
/// - `..` pops one directory of the walk, and popping past the starting directory is
///   `ENOTCAPABLE` (`a/../b` is fine, `../x` and `a/../../x` are not);
/// - each intermediate directory is opened with `O_NOFOLLOW`, after `readlinkat` said it is
///   not a link; a link is expanded by pushing its target's components onto the walk, so its
///   `..` are judged by the same rule; more than ``maximumLinks`` expansions is `ELOOP`;
/// - the final component is returned unopened, and callers act on it with the
///   no-follow form of each call (`O_NOFOLLOW`, `AT_SYMLINK_NOFOLLOW`, `unlinkat`), so a link
///   swapped in after the check is refused, not followed (no race).
struct ConfinedPath: ~Copyable {
    /// The directory that holds ``name``: the starting directory or one the walk opened.
    let directory: Int32
    /// Whether ``directory`` was opened by the walk (and is closed with this value).
    private let owned: Bool
    /// The final component: never empty, never contains `/`; `.` when the path names the
    /// directory itself (`.`, `a/..`).
    let name: String

    static let maximumLinks = 40

    /// Linux's `O_PATH` (not exported by Glibc's module: it is a `_GNU_SOURCE` name): the
    /// walk's directories are only ever used as `*at` bases, so they need no read permission.
    /// The value is the generic one, which x86-64 and AArch64 use.
    private static let openPathOnly: Int32 = 0o10000000

    init(directory: Int32, owned: Bool, name: String) {
        self.directory = directory
        self.owned = owned
        self.name = name
    }

    deinit {
        if owned { close(directory) }
    }

    /// Resolves `path` beneath `root`. With `followFinal`, a final component that is a link
    /// is expanded too (`path_open` with `LOOKUPFLAGS_SYMLINK_FOLLOW`); a path ending in `/`
    /// must name a directory, so its final link is always followed.
    init(_ path: String, beneath root: Int32, followFinal: Bool) throws(WASIErrno) {
        guard !path.isEmpty else { throw .noEntry }
        guard !path.hasPrefix("/") else { throw .notCapable }
        let follow = followFinal || path.hasSuffix("/")
        var pending = Self.components(path)
        if pending.isEmpty { pending = ["."] }
        var opened: [Int32] = []
        var links = 0
        func fail(_ error: WASIErrno) -> WASIErrno {
            for fd in opened { close(fd) }
            return error
        }
        while let component = pending.popLast() {
            let isLast = pending.isEmpty
            let current = opened.last ?? root
            if component == "." {
                if isLast { break }
                continue
            }
            if component == ".." {
                guard let top = opened.popLast() else { throw fail(.notCapable) }
                close(top)
                if isLast {
                    pending = ["."]
                    continue
                }
                continue
            }
            if !isLast || follow, let target = Self.linkTarget(component, in: current) {
                links += 1
                guard links <= Self.maximumLinks else { throw fail(.loop) }
                guard !target.hasPrefix("/") else { throw fail(.notCapable) }
                guard !target.isEmpty else { throw fail(.noEntry) }
                let expanded = Self.components(target)
                pending.append(contentsOf: expanded.isEmpty ? ["."] : expanded)
                continue
            }
            if isLast {
                let last = opened.popLast()
                for fd in opened { close(fd) }
                self.init(directory: last ?? root, owned: last != nil, name: component)
                return
            }
            let fd = openat(current, component, Self.openPathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw fail(WASIErrno.current) }
            opened.append(fd)
        }
        // The walk ended on a directory itself (`.`, `a/..`).
        let last = opened.popLast()
        for fd in opened { close(fd) }
        self.init(directory: last ?? root, owned: last != nil, name: ".")
    }

    /// The components in reverse order (the walk pops from the end); empty ones dropped.
    private static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).reversed().map(String.init)
    }

    /// The target of `name` in `directory` if it is a symbolic link, else nil (not a link,
    /// or absent: the open that follows reports that).
    private static func linkTarget(_ name: String, in directory: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
        let count = readlinkat(directory, name, &buffer, buffer.count)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
