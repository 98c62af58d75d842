import Glibc

/// A WASI preview 1 error number (`errno` in `wasi_snapshot_preview1.witx`): what every
/// function except `proc_exit` returns, 0 for success. The numbering is WASI's own, not the
/// host's; ``init(hostErrno:)`` translates.
///
/// Implementations throw it (`throws(WASIErrno)`), and the call adapter turns it into the result.
public enum WASIErrno: UInt16, Error, Sendable, CustomStringConvertible {
    case success = 0
    case tooBig = 1
    case access = 2
    case again = 6
    case badDescriptor = 8
    case busy = 10
    case exist = 20
    case fault = 21
    case fileTooBig = 22
    case interrupted = 27
    case invalid = 28
    case io = 29
    case isDirectory = 31
    case loop = 32
    case tooManyFiles = 33
    case nameTooLong = 37
    case tooManyFilesInSystem = 41
    case noDevice = 43
    case noEntry = 44
    case noMemory = 48
    case noSpace = 51
    case noSystemCall = 52
    case notDirectory = 54
    case notEmpty = 55
    case notSupported = 58
    case notTTY = 59
    case noDeviceOrAddress = 60
    case overflow = 61
    case permission = 63
    case pipe = 64
    case range = 68
    case readOnlyFileSystem = 69
    case seekOnPipe = 70
    case crossDevice = 75
    /// The descriptor lacks the right, or the path leaves the directory it is resolved in:
    /// what confinement answers.
    case notCapable = 76

    /// The WASI number for a host `errno`; `EIO` for one with no counterpart worth keeping.
    public init(hostErrno code: Int32) {
        switch code {
        case E2BIG: self = .tooBig
        case EACCES: self = .access
        case EAGAIN: self = .again
        case EBADF: self = .badDescriptor
        case EBUSY: self = .busy
        case EEXIST: self = .exist
        case EFAULT: self = .fault
        case EFBIG: self = .fileTooBig
        case EINTR: self = .interrupted
        case EINVAL: self = .invalid
        case EISDIR: self = .isDirectory
        case ELOOP: self = .loop
        case EMFILE: self = .tooManyFiles
        case ENAMETOOLONG: self = .nameTooLong
        case ENFILE: self = .tooManyFilesInSystem
        case ENODEV: self = .noDevice
        case ENOENT: self = .noEntry
        case ENOMEM: self = .noMemory
        case ENOSPC: self = .noSpace
        case ENOSYS: self = .noSystemCall
        case ENOTDIR: self = .notDirectory
        case ENOTEMPTY: self = .notEmpty
        case EOPNOTSUPP: self = .notSupported
        case ENOTTY: self = .notTTY
        case ENXIO: self = .noDeviceOrAddress
        case EOVERFLOW: self = .overflow
        case EPERM: self = .permission
        case EPIPE: self = .pipe
        case ERANGE: self = .range
        case EROFS: self = .readOnlyFileSystem
        case ESPIPE: self = .seekOnPipe
        case EXDEV: self = .crossDevice
        default: self = .io
        }
    }

    /// The calling thread's `errno`, translated.
    static var current: WASIErrno { WASIErrno(hostErrno: errno) }
}

extension WASIErrno {
    /// The spec's name: `ENOSYS` for ``noSystemCall``, `ENOTCAPABLE` for ``notCapable``.
    public var description: String {
        let names: [WASIErrno: String] = [
            .success: "ESUCCESS", .tooBig: "E2BIG", .access: "EACCES", .again: "EAGAIN",
            .badDescriptor: "EBADF", .busy: "EBUSY", .exist: "EEXIST", .fault: "EFAULT",
            .fileTooBig: "EFBIG", .interrupted: "EINTR", .invalid: "EINVAL", .io: "EIO",
            .isDirectory: "EISDIR", .loop: "ELOOP", .tooManyFiles: "EMFILE", .nameTooLong: "ENAMETOOLONG",
            .tooManyFilesInSystem: "ENFILE", .noDevice: "ENODEV", .noEntry: "ENOENT", .noMemory: "ENOMEM",
            .noSpace: "ENOSPC", .noSystemCall: "ENOSYS", .notDirectory: "ENOTDIR", .notEmpty: "ENOTEMPTY",
            .notSupported: "ENOTSUP", .notTTY: "ENOTTY", .noDeviceOrAddress: "ENXIO", .overflow: "EOVERFLOW",
            .permission: "EPERM", .pipe: "EPIPE", .range: "ERANGE", .readOnlyFileSystem: "EROFS",
            .seekOnPipe: "ESPIPE", .crossDevice: "EXDEV", .notCapable: "ENOTCAPABLE",
        ]
        return "\(names[self] ?? "errno") (\(rawValue))"
    }
}
