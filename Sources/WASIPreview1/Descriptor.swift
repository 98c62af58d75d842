import Glibc

/// What a guest file descriptor stands for. Standard streams are virtual (routed to the
/// configuration's closures, never the host's own descriptors); files and directories own a
/// host descriptor, closed with the entry.
final class Descriptor {
    enum Kind {
        case standardInput
        case output(WASIOutputStream)
        /// A directory: preopened (with the name the guest sees), or opened by `path_open`.
        case directory(preopenName: String?)
        case file
    }

    let kind: Kind
    /// The host descriptor of a file or directory; -1 for the standard streams.
    let host: Int32
    /// `fd_readdir`'s listing, taken when a read starts at cookie 0, so that cookies
    /// (indices into it) stay stable while the guest pages through it.
    var listing: [DirectoryEntry] = []

    init(kind: Kind, host: Int32 = -1) {
        self.kind = kind
        self.host = host
    }

    deinit {
        if host >= 0 { close(host) }
    }

    var isDirectory: Bool {
        if case .directory = kind { true } else { false }
    }

    /// The WASI `filetype` of the entry.
    var fileType: FileType {
        switch kind {
        case .standardInput, .output: .characterDevice
        case .directory: .directory
        case .file: .regularFile
        }
    }
}

/// One name of a directory listing.
struct DirectoryEntry {
    var name: [UInt8]
    var inode: UInt64
    var type: FileType
}

/// `filetype` in the witx.
enum FileType: UInt8 {
    case unknown = 0
    case blockDevice = 1
    case characterDevice = 2
    case directory = 3
    case regularFile = 4
    case socketDatagram = 5
    case socketStream = 6
    case symbolicLink = 7

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFBLK: self = .blockDevice
        case S_IFCHR: self = .characterDevice
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regularFile
        case S_IFSOCK: self = .socketStream
        case S_IFLNK: self = .symbolicLink
        default: self = .unknown
        }
    }

    /// From a `dirent`'s `d_type`.
    init(direntType: UInt8) {
        switch Int32(direntType) {
        case Int32(DT_BLK): self = .blockDevice
        case Int32(DT_CHR): self = .characterDevice
        case Int32(DT_DIR): self = .directory
        case Int32(DT_REG): self = .regularFile
        case Int32(DT_SOCK): self = .socketStream
        case Int32(DT_LNK): self = .symbolicLink
        default: self = .unknown
        }
    }
}
